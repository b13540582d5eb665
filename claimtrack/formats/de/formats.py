# "18. Oktober 2024", "18. Oktober 2024, 15:26": Intl's de-DE with month "long" writes the same.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 23.10.2024
    "%d.%m.%y",  # 23.10.24
    "%Y-%m-%d",  # 2024-10-23, what the pages' date fields send
]
