"""Each kind of personal detail is found in the forms residents write it, and replaced by its kind."""

from __future__ import annotations

import pytest

from heard.lib.redaction import Kind, redact


def kinds_found(text: str) -> dict[str, str]:
    return {span.original: span.kind.value for span in redact(text).spans}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr Okafor explained everything.", "Okafor"),
        ("Nurse Aisha held my hand.", "Aisha"),
        ("My GP Dr. Patel never listens.", "Patel"),
        ("I spoke to a receptionist called Sarah.", "Sarah"),
        ("My son Yusuf has asthma.", "Yusuf"),
        ("My name is Abdi Mohamed and I live here.", "Abdi Mohamed"),
        ("I am Tomasz and I work nights.", "Tomasz"),
        ("The pharmacist, Kwabena, sorted it.", "Kwabena"),
        ("Kofi Mensah, my neighbour, drove me.", "Kofi Mensah"),
        ("My mum Fatma cannot read the letters.", "Fatma"),
        ("Thanks to Sister Mary Flanagan.", "Mary Flanagan"),
        ("Ms O'Sullivan the midwife was kind.", "O'Sullivan"),
        ("Agnieszka from the Polish group translated.", "Agnieszka"),
        ("My daughter Nusrat was born early.", "Nusrat"),
        ("Please thank Siobhan and Ngozi for me.", "Siobhan"),
        ("My son Will was seen quickly.", "Will"),
        ("A nurse called Precious was kind.", "Precious"),
        ("my neighbour mrs okonjo fell", "okonjo"),
        ("the receptionist linda was rude", "linda"),
        ("Mr Van der Berg the surgeon was good.", "Van der Berg"),
    ],
)
def test_it_finds_names_of_every_origin_with_titles_and_context(text: str, name: str) -> None:
    assert kinds_found(text).get(name) == "name", redact(text).text


def test_it_keeps_the_title_and_redacts_the_name() -> None:
    assert redact("Dr Okafor and Nurse Aisha were kind.").text == "Dr [name] and Nurse [name] were kind."


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07911123456",
        "07700-900-123",
        "(07700) 900 765",
        "+44 7845 112 907",
        "+447700 900 431",
        "0044 7911 123 456",
        "020 7288 5000",
        "(020) 8985 6612",
        "0207 923 1234",
        "+44 (0)20 7946 0321",
        "0300 123 1234",
    ],
)
def test_it_finds_uk_phone_numbers_in_all_common_forms(phone: str) -> None:
    assert kinds_found(f"You can ring me on {phone} after six.") == {phone: "phone"}


@pytest.mark.parametrize(
    "email", ["aminata.kamara@yahoo.com", "j.obrien@btinternet.com", "fatih_k@live.co.uk", "a.b+health@nhs.net"]
)
def test_it_finds_email_addresses(email: str) -> None:
    assert kinds_found(f"Write to {email}.") == {email: "email"}


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919"])
def test_it_finds_nhs_numbers_with_a_valid_check_digit_without_context(number: str) -> None:
    assert kinds_found(f"The letter had {number} at the top.") == {number: "nhs number"}


def test_it_finds_an_nhs_number_with_a_wrong_check_digit_when_it_is_called_one() -> None:
    assert kinds_found("Her NHS number: 123 456 7890, typed wrong.") == {"123 456 7890": "nhs number"}


def test_it_leaves_a_ten_digit_number_that_is_not_an_nhs_number() -> None:
    assert redact("Reference 123 456 7890 on the parcel.").spans == ()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Born on 12/03/1958 in Sylhet.", "12/03/1958"),
        ("DOB: 07-09-1990", "07-09-1990"),
        ("Date of birth 21 June 1966, please update.", "21 June 1966"),
        ("I was born on the 3rd of January 1949.", "3rd of January 1949"),
        ("My date of birth is 4.4.1944.", "4.4.1944"),
        ("d.o.b. 30/12/2001", "30/12/2001"),
        ("DOB 1983-02-01", "1983-02-01"),
    ],
)
def test_it_finds_dates_of_birth_by_context(text: str, date: str) -> None:
    assert kinds_found(text) == {date: "date of birth"}


@pytest.mark.parametrize(
    "text",
    [
        "My appointment was on Tuesday 14 March 2023 at 10am.",
        "I am 67 and aged 45 is my son.",
        "I was born in Turkey and came here in 1990.",
    ],
)
def test_it_leaves_dates_ages_and_years_that_are_not_dates_of_birth(text: str) -> None:
    assert redact(text).spans == ()


@pytest.mark.parametrize(
    "address",
    ["12 Holloway Road", "Flat 3, 45 Essex Road", "7 Andover Estate", "88 Kingsland High Street", "15A Amhurst Road"],
)
def test_it_finds_street_addresses_with_a_number(address: str) -> None:
    assert kinds_found(f"We live at {address} now.") == {address: "address"}


def test_it_leaves_a_street_or_estate_named_without_a_number() -> None:
    assert redact("I live on Holloway Road near the Andover Estate.").spans == ()


@pytest.mark.parametrize("postcode", ["N7 6PA", "E5 0LL", "n19 5ql", "EC1V 1NT", "N16 7BU"])
def test_it_finds_full_postcodes(postcode: str) -> None:
    assert kinds_found(f"My postcode is {postcode}.") == {postcode: "postcode"}


def test_it_keeps_a_postcode_district_alone() -> None:
    assert redact("We are in N7 and the pharmacy in E8 closed.").spans == ()


def test_it_replaces_each_detail_by_its_bracketed_kind() -> None:
    result = redact("Call my son Abdirahman on 07845 112 907 or write to a.b@c.org, postcode N4 2DR.")
    assert result.text == "Call my son [name] on [phone] or write to [email], postcode [postcode]."
    assert [s.kind for s in result.spans] == [Kind.NAME, Kind.PHONE, Kind.EMAIL, Kind.POSTCODE]
