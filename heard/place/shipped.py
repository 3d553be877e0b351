"""The place datasets that ship with Heard, with the attribution the shipped PROVENANCE.md gives for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

OGL: Final = "Open Government Licence v3.0"


@dataclass(frozen=True)
class ShippedDataset:
    name: str
    covers: str
    source: str
    published: str
    attribution: str
    licence: str = OGL


SHIPPED: Final = [
    ShippedDataset(
        "Postcodes",
        "Islington, Hackney, Camden, Haringey, City of London, Tower Hamlets, Waltham Forest and "
        "Newham: 38,365 live and 36,105 terminated postcodes",
        "OS Code-Point Open; ONS Postcode to OA/LSOA/MSOA/LAD lookup",
        "October 2025 (Code-Point), May 2022 (ONS)",
        "Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail "
        "copyright and database right 2025. Contains National Statistics data © Crown copyright and database "
        "right 2022–2025. Source: Office for National Statistics and MHCLG, licensed under the Open Government "
        "Licence v3.0.",
    ),
    ShippedDataset(
        "Census 2021 by local authority",
        "Every local authority in England and Wales: age, sex, 19 ethnic groups, disability, English proficiency",
        "Office for National Statistics (Nomis TS007, TS021, TS029, TS038)",
        "2022–2023",
        "Source: Office for National Statistics (Census 2021), licensed under the Open Government Licence v3.0. "
        "Contains National Statistics data © Crown copyright and database right 2022–2023.",
    ),
    ShippedDataset(
        "Census 2021 by ward and LSOA",
        "London wards (best fit): age, disability, 5 ethnic groups; London LSOA populations",
        "Office for National Statistics",
        "2023",
        "Source: Office for National Statistics (Census 2021), licensed under the Open Government Licence v3.0. "
        "Contains OS data © Crown copyright and database right 2024.",
    ),
    ShippedDataset(
        "English Indices of Deprivation",
        "IoD 2025 deciles for London LSOAs (and, through postcodes, IMD 2019)",
        "Ministry of Housing, Communities and Local Government",
        "30 October 2025 (IoD 2025); 2019",
        "English Indices of Deprivation 2019 / 2025, Ministry of Housing, Communities and Local Government. "
        "Contains public sector information licensed under the Open Government Licence v3.0.",
    ),
    ShippedDataset(
        "Ward boundaries and area names",
        "Ward boundaries (May 2025) for the eight boroughs; names of local authorities, London wards and LSOAs",
        "ONS Open Geography Portal",
        "2025",
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS "
        "data © Crown copyright and database right 2025.",
    ),
]
