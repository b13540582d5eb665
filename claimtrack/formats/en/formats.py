# "18 October 2024", "18 October 2024, 15:26": Intl's en-GB with month "long" writes the same.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
# The ISO day first: what the pages' date fields send and what the API takes.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2024-10-23
    "%d %B %Y",  # 23 October 2024
    "%d %b %Y",  # 23 Oct 2024
    "%B %d, %Y",  # October 23, 2024
]
