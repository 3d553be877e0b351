"""Short texts written for the demo, in residents' own languages with an English translation, and English
texts about what particular communities meet. (The rest of the demo's words are real NHS comments.)"""

from __future__ import annotations

# language code -> [(original, English)]
TRANSLATED: dict[str, list[tuple[str, str]]] = {
    "so": [
        ("Dhakhtarku ima dhageysan, turjubaan ma jirin.", "The doctor did not listen to me, there was no interpreter."),
        ("Waxaan sugayay saddex toddobaad si aan ballan u helo.", "I waited three weeks to get an appointment."),
        ("Farmashiyaha shaqaalahiisu aad bay ii caawiyeen.", "The pharmacy staff helped me a lot."),
        ("Ma aqaan sida loo isticmaalo app-ka NHS.", "I don't know how to use the NHS app."),
        ("Carruurteyda ayaa ii turjumaya, taasna ma fiicna.", "My children translate for me, and that is not right."),
    ],
    "tr": [
        (
            "Randevu almak çok zor, telefonla hiç ulaşamıyorum.",
            "Getting an appointment is very hard, I can never get through by phone.",
        ),
        ("Tercüman istedim ama verilmedi.", "I asked for an interpreter but was not given one."),
        ("Hemşire çok nazikti ve her şeyi açıkladı.", "The nurse was very kind and explained everything."),
        (
            "Doktor beni dinlemedi, sadece beş dakika ayırdı.",
            "The doctor did not listen to me and gave me five minutes.",
        ),
    ],
    "ku": [
        (
            "Min nikarî bi doktor re biaxivim ji ber ku wergêr tunebû.",
            "I could not speak with the doctor because there was no interpreter.",
        ),
        ("Li nexweşxaneyê karmend pir baş bûn.", "The staff at the hospital were very good."),
        ("Ez nizanim ka mafê min çi ye.", "I do not know what I am entitled to."),
    ],
    "bn": [
        ("ডাক্তার আমার কথা শুনেছেন এবং ভালো ব্যবহার করেছেন।", "The doctor listened to me and treated me well."),
        ("অ্যাপয়েন্টমেন্ট পেতে অনেক দিন অপেক্ষা করতে হয়।", "You have to wait many days to get an appointment."),
        ("আমি ইংরেজি ভালো বলতে পারি না, তাই দোভাষী দরকার।", "I cannot speak English well, so I need an interpreter."),
    ],
    "ar": [
        ("انتظرت ساعات طويلة في قسم الطوارئ.", "I waited many hours in the emergency department."),
        ("لم يشرح لي أحد كيف أسجل عند الطبيب.", "Nobody explained to me how to register with a doctor."),
        ("الموظفون كانوا لطفاء جداً مع أطفالي.", "The staff were very kind to my children."),
    ],
    "pl": [
        (
            "Nie mogę dodzwonić się do przychodni o ósmej rano.",
            "I cannot get through to the surgery at eight in the morning.",
        ),
        (
            "Lekarz był bardzo miły i wszystko mi wytłumaczył.",
            "The doctor was very kind and explained everything to me.",
        ),
        ("Czekałam pół roku na wizytę u specjalisty.", "I waited half a year for a specialist appointment."),
        ("Nie wiedziałam, że mogę poprosić o tłumacza.", "I did not know I could ask for an interpreter."),
    ],
}

# community slug -> English texts about what that community meets
COMMUNITY_TEXTS: dict[str, list[str]] = {
    "deaf-bsl-users": [
        "The GP surgery only lets you book by phone. I am Deaf, so I have to ask my neighbour to ring for me.",
        "They booked a BSL interpreter for my appointment and it made all the difference.",
        "At A&E they called my name out loud and I missed my turn because I could not hear it.",
        "The hospital switchboard would not accept a video relay call.",
    ],
    "disabled-residents-in-social-housing": [
        "The lift in our block has been broken for weeks so I keep missing hospital appointments.",
        "Patient transport was late again and I missed my dialysis slot.",
        "My care hours were cut and nobody asked me what I needed.",
        "The damp in my flat makes my breathing worse and the council has not fixed it.",
    ],
    "black-caribbean-residents": [
        "I felt the doctor did not take my pain seriously.",
        "The health check at the church was really helpful, they checked my blood pressure and explained it.",
        "My mum's dementia diagnosis took two years and we had to push for every step.",
    ],
    "refugees-and-people-seeking-asylum": [
        "I did not know I could register with a GP without proof of address.",
        "The receptionist asked for documents I do not have and sent me away.",
        "After the hotel moved us I lost my GP and my medicines.",
    ],
}

# One record each in the demo says something a safeguarding lead must see (community slug, words).
RISK_TEXTS: list[tuple[str, str]] = [
    (
        "somali-speaking-residents",
        "Since my husband took my passport I am not allowed out without him, and I am afraid to go home.",
    ),
    ("bangladeshi-elders", "My father was left lying in his own urine for hours on the ward before anyone came."),
    (
        "refugees-and-people-seeking-asylum",
        "In the hotel I felt so low that I did not want to live any more, and nobody asked how I was.",
    ),
]
