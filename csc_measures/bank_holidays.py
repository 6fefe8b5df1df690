"""Bank holidays in England and Wales, 1990-2060 (generated; do not edit by hand).

Generated from the ``holidays`` package (country GB, subdivision ENG), including substitute days
and one-off holidays (2002 and 2012 Jubilees, 2011 Royal Wedding, 2022 State Funeral, 2023
Coronation). ``csc_measures/tests/test_dates.py`` fails if this table and the package disagree:
regenerate it in place with ``python -m csc_measures.bank_holidays`` when a holiday is announced.
"""

from __future__ import annotations

from pathlib import Path

FIRST_YEAR = 1990
LAST_YEAR = 2060

# ISO dates, one per bank holiday.
BANK_HOLIDAYS: tuple[str, ...] = (
    "1990-01-01",  # New Year's Day
    "1990-04-13",  # Good Friday
    "1990-04-16",  # Easter Monday
    "1990-05-07",  # May Day
    "1990-05-28",  # Spring Bank Holiday
    "1990-08-27",  # Late Summer Bank Holiday
    "1990-12-25",  # Christmas Day
    "1990-12-26",  # Boxing Day
    "1991-01-01",  # New Year's Day
    "1991-03-29",  # Good Friday
    "1991-04-01",  # Easter Monday
    "1991-05-06",  # May Day
    "1991-05-27",  # Spring Bank Holiday
    "1991-08-26",  # Late Summer Bank Holiday
    "1991-12-25",  # Christmas Day
    "1991-12-26",  # Boxing Day
    "1992-01-01",  # New Year's Day
    "1992-04-17",  # Good Friday
    "1992-04-20",  # Easter Monday
    "1992-05-04",  # May Day
    "1992-05-25",  # Spring Bank Holiday
    "1992-08-31",  # Late Summer Bank Holiday
    "1992-12-25",  # Christmas Day
    "1992-12-26",  # Boxing Day
    "1992-12-28",  # Boxing Day (observed)
    "1993-01-01",  # New Year's Day
    "1993-04-09",  # Good Friday
    "1993-04-12",  # Easter Monday
    "1993-05-03",  # May Day
    "1993-05-31",  # Spring Bank Holiday
    "1993-08-30",  # Late Summer Bank Holiday
    "1993-12-25",  # Christmas Day
    "1993-12-26",  # Boxing Day
    "1993-12-27",  # Christmas Day (observed)
    "1993-12-28",  # Boxing Day (observed)
    "1994-01-01",  # New Year's Day
    "1994-01-03",  # New Year's Day (observed)
    "1994-04-01",  # Good Friday
    "1994-04-04",  # Easter Monday
    "1994-05-02",  # May Day
    "1994-05-30",  # Spring Bank Holiday
    "1994-08-29",  # Late Summer Bank Holiday
    "1994-12-25",  # Christmas Day
    "1994-12-26",  # Boxing Day
    "1994-12-27",  # Christmas Day (observed)
    "1995-01-01",  # New Year's Day
    "1995-01-02",  # New Year's Day (observed)
    "1995-04-14",  # Good Friday
    "1995-04-17",  # Easter Monday
    "1995-05-08",  # May Day
    "1995-05-29",  # Spring Bank Holiday
    "1995-08-28",  # Late Summer Bank Holiday
    "1995-12-25",  # Christmas Day
    "1995-12-26",  # Boxing Day
    "1996-01-01",  # New Year's Day
    "1996-04-05",  # Good Friday
    "1996-04-08",  # Easter Monday
    "1996-05-06",  # May Day
    "1996-05-27",  # Spring Bank Holiday
    "1996-08-26",  # Late Summer Bank Holiday
    "1996-12-25",  # Christmas Day
    "1996-12-26",  # Boxing Day
    "1997-01-01",  # New Year's Day
    "1997-03-28",  # Good Friday
    "1997-03-31",  # Easter Monday
    "1997-05-05",  # May Day
    "1997-05-26",  # Spring Bank Holiday
    "1997-08-25",  # Late Summer Bank Holiday
    "1997-12-25",  # Christmas Day
    "1997-12-26",  # Boxing Day
    "1998-01-01",  # New Year's Day
    "1998-04-10",  # Good Friday
    "1998-04-13",  # Easter Monday
    "1998-05-04",  # May Day
    "1998-05-25",  # Spring Bank Holiday
    "1998-08-31",  # Late Summer Bank Holiday
    "1998-12-25",  # Christmas Day
    "1998-12-26",  # Boxing Day
    "1998-12-28",  # Boxing Day (observed)
    "1999-01-01",  # New Year's Day
    "1999-04-02",  # Good Friday
    "1999-04-05",  # Easter Monday
    "1999-05-03",  # May Day
    "1999-05-31",  # Spring Bank Holiday
    "1999-08-30",  # Late Summer Bank Holiday
    "1999-12-25",  # Christmas Day
    "1999-12-26",  # Boxing Day
    "1999-12-27",  # Christmas Day (observed)
    "1999-12-28",  # Boxing Day (observed)
    "1999-12-31",  # Millennium Celebrations
    "2000-01-01",  # New Year's Day
    "2000-01-03",  # New Year's Day (observed)
    "2000-04-21",  # Good Friday
    "2000-04-24",  # Easter Monday
    "2000-05-01",  # May Day
    "2000-05-29",  # Spring Bank Holiday
    "2000-08-28",  # Late Summer Bank Holiday
    "2000-12-25",  # Christmas Day
    "2000-12-26",  # Boxing Day
    "2001-01-01",  # New Year's Day
    "2001-04-13",  # Good Friday
    "2001-04-16",  # Easter Monday
    "2001-05-07",  # May Day
    "2001-05-28",  # Spring Bank Holiday
    "2001-08-27",  # Late Summer Bank Holiday
    "2001-12-25",  # Christmas Day
    "2001-12-26",  # Boxing Day
    "2002-01-01",  # New Year's Day
    "2002-03-29",  # Good Friday
    "2002-04-01",  # Easter Monday
    "2002-05-06",  # May Day
    "2002-06-03",  # Golden Jubilee of Elizabeth II
    "2002-06-04",  # Spring Bank Holiday
    "2002-08-26",  # Late Summer Bank Holiday
    "2002-12-25",  # Christmas Day
    "2002-12-26",  # Boxing Day
    "2003-01-01",  # New Year's Day
    "2003-04-18",  # Good Friday
    "2003-04-21",  # Easter Monday
    "2003-05-05",  # May Day
    "2003-05-26",  # Spring Bank Holiday
    "2003-08-25",  # Late Summer Bank Holiday
    "2003-12-25",  # Christmas Day
    "2003-12-26",  # Boxing Day
    "2004-01-01",  # New Year's Day
    "2004-04-09",  # Good Friday
    "2004-04-12",  # Easter Monday
    "2004-05-03",  # May Day
    "2004-05-31",  # Spring Bank Holiday
    "2004-08-30",  # Late Summer Bank Holiday
    "2004-12-25",  # Christmas Day
    "2004-12-26",  # Boxing Day
    "2004-12-27",  # Christmas Day (observed)
    "2004-12-28",  # Boxing Day (observed)
    "2005-01-01",  # New Year's Day
    "2005-01-03",  # New Year's Day (observed)
    "2005-03-25",  # Good Friday
    "2005-03-28",  # Easter Monday
    "2005-05-02",  # May Day
    "2005-05-30",  # Spring Bank Holiday
    "2005-08-29",  # Late Summer Bank Holiday
    "2005-12-25",  # Christmas Day
    "2005-12-26",  # Boxing Day
    "2005-12-27",  # Christmas Day (observed)
    "2006-01-01",  # New Year's Day
    "2006-01-02",  # New Year's Day (observed)
    "2006-04-14",  # Good Friday
    "2006-04-17",  # Easter Monday
    "2006-05-01",  # May Day
    "2006-05-29",  # Spring Bank Holiday
    "2006-08-28",  # Late Summer Bank Holiday
    "2006-12-25",  # Christmas Day
    "2006-12-26",  # Boxing Day
    "2007-01-01",  # New Year's Day
    "2007-04-06",  # Good Friday
    "2007-04-09",  # Easter Monday
    "2007-05-07",  # May Day
    "2007-05-28",  # Spring Bank Holiday
    "2007-08-27",  # Late Summer Bank Holiday
    "2007-12-25",  # Christmas Day
    "2007-12-26",  # Boxing Day
    "2008-01-01",  # New Year's Day
    "2008-03-21",  # Good Friday
    "2008-03-24",  # Easter Monday
    "2008-05-05",  # May Day
    "2008-05-26",  # Spring Bank Holiday
    "2008-08-25",  # Late Summer Bank Holiday
    "2008-12-25",  # Christmas Day
    "2008-12-26",  # Boxing Day
    "2009-01-01",  # New Year's Day
    "2009-04-10",  # Good Friday
    "2009-04-13",  # Easter Monday
    "2009-05-04",  # May Day
    "2009-05-25",  # Spring Bank Holiday
    "2009-08-31",  # Late Summer Bank Holiday
    "2009-12-25",  # Christmas Day
    "2009-12-26",  # Boxing Day
    "2009-12-28",  # Boxing Day (observed)
    "2010-01-01",  # New Year's Day
    "2010-04-02",  # Good Friday
    "2010-04-05",  # Easter Monday
    "2010-05-03",  # May Day
    "2010-05-31",  # Spring Bank Holiday
    "2010-08-30",  # Late Summer Bank Holiday
    "2010-12-25",  # Christmas Day
    "2010-12-26",  # Boxing Day
    "2010-12-27",  # Christmas Day (observed)
    "2010-12-28",  # Boxing Day (observed)
    "2011-01-01",  # New Year's Day
    "2011-01-03",  # New Year's Day (observed)
    "2011-04-22",  # Good Friday
    "2011-04-25",  # Easter Monday
    "2011-04-29",  # Wedding of William and Catherine
    "2011-05-02",  # May Day
    "2011-05-30",  # Spring Bank Holiday
    "2011-08-29",  # Late Summer Bank Holiday
    "2011-12-25",  # Christmas Day
    "2011-12-26",  # Boxing Day
    "2011-12-27",  # Christmas Day (observed)
    "2012-01-01",  # New Year's Day
    "2012-01-02",  # New Year's Day (observed)
    "2012-04-06",  # Good Friday
    "2012-04-09",  # Easter Monday
    "2012-05-07",  # May Day
    "2012-06-04",  # Spring Bank Holiday
    "2012-06-05",  # Diamond Jubilee of Elizabeth II
    "2012-08-27",  # Late Summer Bank Holiday
    "2012-12-25",  # Christmas Day
    "2012-12-26",  # Boxing Day
    "2013-01-01",  # New Year's Day
    "2013-03-29",  # Good Friday
    "2013-04-01",  # Easter Monday
    "2013-05-06",  # May Day
    "2013-05-27",  # Spring Bank Holiday
    "2013-08-26",  # Late Summer Bank Holiday
    "2013-12-25",  # Christmas Day
    "2013-12-26",  # Boxing Day
    "2014-01-01",  # New Year's Day
    "2014-04-18",  # Good Friday
    "2014-04-21",  # Easter Monday
    "2014-05-05",  # May Day
    "2014-05-26",  # Spring Bank Holiday
    "2014-08-25",  # Late Summer Bank Holiday
    "2014-12-25",  # Christmas Day
    "2014-12-26",  # Boxing Day
    "2015-01-01",  # New Year's Day
    "2015-04-03",  # Good Friday
    "2015-04-06",  # Easter Monday
    "2015-05-04",  # May Day
    "2015-05-25",  # Spring Bank Holiday
    "2015-08-31",  # Late Summer Bank Holiday
    "2015-12-25",  # Christmas Day
    "2015-12-26",  # Boxing Day
    "2015-12-28",  # Boxing Day (observed)
    "2016-01-01",  # New Year's Day
    "2016-03-25",  # Good Friday
    "2016-03-28",  # Easter Monday
    "2016-05-02",  # May Day
    "2016-05-30",  # Spring Bank Holiday
    "2016-08-29",  # Late Summer Bank Holiday
    "2016-12-25",  # Christmas Day
    "2016-12-26",  # Boxing Day
    "2016-12-27",  # Christmas Day (observed)
    "2017-01-01",  # New Year's Day
    "2017-01-02",  # New Year's Day (observed)
    "2017-04-14",  # Good Friday
    "2017-04-17",  # Easter Monday
    "2017-05-01",  # May Day
    "2017-05-29",  # Spring Bank Holiday
    "2017-08-28",  # Late Summer Bank Holiday
    "2017-12-25",  # Christmas Day
    "2017-12-26",  # Boxing Day
    "2018-01-01",  # New Year's Day
    "2018-03-30",  # Good Friday
    "2018-04-02",  # Easter Monday
    "2018-05-07",  # May Day
    "2018-05-28",  # Spring Bank Holiday
    "2018-08-27",  # Late Summer Bank Holiday
    "2018-12-25",  # Christmas Day
    "2018-12-26",  # Boxing Day
    "2019-01-01",  # New Year's Day
    "2019-04-19",  # Good Friday
    "2019-04-22",  # Easter Monday
    "2019-05-06",  # May Day
    "2019-05-27",  # Spring Bank Holiday
    "2019-08-26",  # Late Summer Bank Holiday
    "2019-12-25",  # Christmas Day
    "2019-12-26",  # Boxing Day
    "2020-01-01",  # New Year's Day
    "2020-04-10",  # Good Friday
    "2020-04-13",  # Easter Monday
    "2020-05-08",  # May Day
    "2020-05-25",  # Spring Bank Holiday
    "2020-08-31",  # Late Summer Bank Holiday
    "2020-12-25",  # Christmas Day
    "2020-12-26",  # Boxing Day
    "2020-12-28",  # Boxing Day (observed)
    "2021-01-01",  # New Year's Day
    "2021-04-02",  # Good Friday
    "2021-04-05",  # Easter Monday
    "2021-05-03",  # May Day
    "2021-05-31",  # Spring Bank Holiday
    "2021-08-30",  # Late Summer Bank Holiday
    "2021-12-25",  # Christmas Day
    "2021-12-26",  # Boxing Day
    "2021-12-27",  # Christmas Day (observed)
    "2021-12-28",  # Boxing Day (observed)
    "2022-01-01",  # New Year's Day
    "2022-01-03",  # New Year's Day (observed)
    "2022-04-15",  # Good Friday
    "2022-04-18",  # Easter Monday
    "2022-05-02",  # May Day
    "2022-06-02",  # Spring Bank Holiday
    "2022-06-03",  # Platinum Jubilee of Elizabeth II
    "2022-08-29",  # Late Summer Bank Holiday
    "2022-09-19",  # State Funeral of Queen Elizabeth II
    "2022-12-25",  # Christmas Day
    "2022-12-26",  # Boxing Day
    "2022-12-27",  # Christmas Day (observed)
    "2023-01-01",  # New Year's Day
    "2023-01-02",  # New Year's Day (observed)
    "2023-04-07",  # Good Friday
    "2023-04-10",  # Easter Monday
    "2023-05-01",  # May Day
    "2023-05-08",  # Coronation of Charles III
    "2023-05-29",  # Spring Bank Holiday
    "2023-08-28",  # Late Summer Bank Holiday
    "2023-12-25",  # Christmas Day
    "2023-12-26",  # Boxing Day
    "2024-01-01",  # New Year's Day
    "2024-03-29",  # Good Friday
    "2024-04-01",  # Easter Monday
    "2024-05-06",  # May Day
    "2024-05-27",  # Spring Bank Holiday
    "2024-08-26",  # Late Summer Bank Holiday
    "2024-12-25",  # Christmas Day
    "2024-12-26",  # Boxing Day
    "2025-01-01",  # New Year's Day
    "2025-04-18",  # Good Friday
    "2025-04-21",  # Easter Monday
    "2025-05-05",  # May Day
    "2025-05-26",  # Spring Bank Holiday
    "2025-08-25",  # Late Summer Bank Holiday
    "2025-12-25",  # Christmas Day
    "2025-12-26",  # Boxing Day
    "2026-01-01",  # New Year's Day
    "2026-04-03",  # Good Friday
    "2026-04-06",  # Easter Monday
    "2026-05-04",  # May Day
    "2026-05-25",  # Spring Bank Holiday
    "2026-08-31",  # Late Summer Bank Holiday
    "2026-12-25",  # Christmas Day
    "2026-12-26",  # Boxing Day
    "2026-12-28",  # Boxing Day (observed)
    "2027-01-01",  # New Year's Day
    "2027-03-26",  # Good Friday
    "2027-03-29",  # Easter Monday
    "2027-05-03",  # May Day
    "2027-05-31",  # Spring Bank Holiday
    "2027-08-30",  # Late Summer Bank Holiday
    "2027-12-25",  # Christmas Day
    "2027-12-26",  # Boxing Day
    "2027-12-27",  # Christmas Day (observed)
    "2027-12-28",  # Boxing Day (observed)
    "2028-01-01",  # New Year's Day
    "2028-01-03",  # New Year's Day (observed)
    "2028-04-14",  # Good Friday
    "2028-04-17",  # Easter Monday
    "2028-05-01",  # May Day
    "2028-05-29",  # Spring Bank Holiday
    "2028-08-28",  # Late Summer Bank Holiday
    "2028-12-25",  # Christmas Day
    "2028-12-26",  # Boxing Day
    "2029-01-01",  # New Year's Day
    "2029-03-30",  # Good Friday
    "2029-04-02",  # Easter Monday
    "2029-05-07",  # May Day
    "2029-05-28",  # Spring Bank Holiday
    "2029-08-27",  # Late Summer Bank Holiday
    "2029-12-25",  # Christmas Day
    "2029-12-26",  # Boxing Day
    "2030-01-01",  # New Year's Day
    "2030-04-19",  # Good Friday
    "2030-04-22",  # Easter Monday
    "2030-05-06",  # May Day
    "2030-05-27",  # Spring Bank Holiday
    "2030-08-26",  # Late Summer Bank Holiday
    "2030-12-25",  # Christmas Day
    "2030-12-26",  # Boxing Day
    "2031-01-01",  # New Year's Day
    "2031-04-11",  # Good Friday
    "2031-04-14",  # Easter Monday
    "2031-05-05",  # May Day
    "2031-05-26",  # Spring Bank Holiday
    "2031-08-25",  # Late Summer Bank Holiday
    "2031-12-25",  # Christmas Day
    "2031-12-26",  # Boxing Day
    "2032-01-01",  # New Year's Day
    "2032-03-26",  # Good Friday
    "2032-03-29",  # Easter Monday
    "2032-05-03",  # May Day
    "2032-05-31",  # Spring Bank Holiday
    "2032-08-30",  # Late Summer Bank Holiday
    "2032-12-25",  # Christmas Day
    "2032-12-26",  # Boxing Day
    "2032-12-27",  # Christmas Day (observed)
    "2032-12-28",  # Boxing Day (observed)
    "2033-01-01",  # New Year's Day
    "2033-01-03",  # New Year's Day (observed)
    "2033-04-15",  # Good Friday
    "2033-04-18",  # Easter Monday
    "2033-05-02",  # May Day
    "2033-05-30",  # Spring Bank Holiday
    "2033-08-29",  # Late Summer Bank Holiday
    "2033-12-25",  # Christmas Day
    "2033-12-26",  # Boxing Day
    "2033-12-27",  # Christmas Day (observed)
    "2034-01-01",  # New Year's Day
    "2034-01-02",  # New Year's Day (observed)
    "2034-04-07",  # Good Friday
    "2034-04-10",  # Easter Monday
    "2034-05-01",  # May Day
    "2034-05-29",  # Spring Bank Holiday
    "2034-08-28",  # Late Summer Bank Holiday
    "2034-12-25",  # Christmas Day
    "2034-12-26",  # Boxing Day
    "2035-01-01",  # New Year's Day
    "2035-03-23",  # Good Friday
    "2035-03-26",  # Easter Monday
    "2035-05-07",  # May Day
    "2035-05-28",  # Spring Bank Holiday
    "2035-08-27",  # Late Summer Bank Holiday
    "2035-12-25",  # Christmas Day
    "2035-12-26",  # Boxing Day
    "2036-01-01",  # New Year's Day
    "2036-04-11",  # Good Friday
    "2036-04-14",  # Easter Monday
    "2036-05-05",  # May Day
    "2036-05-26",  # Spring Bank Holiday
    "2036-08-25",  # Late Summer Bank Holiday
    "2036-12-25",  # Christmas Day
    "2036-12-26",  # Boxing Day
    "2037-01-01",  # New Year's Day
    "2037-04-03",  # Good Friday
    "2037-04-06",  # Easter Monday
    "2037-05-04",  # May Day
    "2037-05-25",  # Spring Bank Holiday
    "2037-08-31",  # Late Summer Bank Holiday
    "2037-12-25",  # Christmas Day
    "2037-12-26",  # Boxing Day
    "2037-12-28",  # Boxing Day (observed)
    "2038-01-01",  # New Year's Day
    "2038-04-23",  # Good Friday
    "2038-04-26",  # Easter Monday
    "2038-05-03",  # May Day
    "2038-05-31",  # Spring Bank Holiday
    "2038-08-30",  # Late Summer Bank Holiday
    "2038-12-25",  # Christmas Day
    "2038-12-26",  # Boxing Day
    "2038-12-27",  # Christmas Day (observed)
    "2038-12-28",  # Boxing Day (observed)
    "2039-01-01",  # New Year's Day
    "2039-01-03",  # New Year's Day (observed)
    "2039-04-08",  # Good Friday
    "2039-04-11",  # Easter Monday
    "2039-05-02",  # May Day
    "2039-05-30",  # Spring Bank Holiday
    "2039-08-29",  # Late Summer Bank Holiday
    "2039-12-25",  # Christmas Day
    "2039-12-26",  # Boxing Day
    "2039-12-27",  # Christmas Day (observed)
    "2040-01-01",  # New Year's Day
    "2040-01-02",  # New Year's Day (observed)
    "2040-03-30",  # Good Friday
    "2040-04-02",  # Easter Monday
    "2040-05-07",  # May Day
    "2040-05-28",  # Spring Bank Holiday
    "2040-08-27",  # Late Summer Bank Holiday
    "2040-12-25",  # Christmas Day
    "2040-12-26",  # Boxing Day
    "2041-01-01",  # New Year's Day
    "2041-04-19",  # Good Friday
    "2041-04-22",  # Easter Monday
    "2041-05-06",  # May Day
    "2041-05-27",  # Spring Bank Holiday
    "2041-08-26",  # Late Summer Bank Holiday
    "2041-12-25",  # Christmas Day
    "2041-12-26",  # Boxing Day
    "2042-01-01",  # New Year's Day
    "2042-04-04",  # Good Friday
    "2042-04-07",  # Easter Monday
    "2042-05-05",  # May Day
    "2042-05-26",  # Spring Bank Holiday
    "2042-08-25",  # Late Summer Bank Holiday
    "2042-12-25",  # Christmas Day
    "2042-12-26",  # Boxing Day
    "2043-01-01",  # New Year's Day
    "2043-03-27",  # Good Friday
    "2043-03-30",  # Easter Monday
    "2043-05-04",  # May Day
    "2043-05-25",  # Spring Bank Holiday
    "2043-08-31",  # Late Summer Bank Holiday
    "2043-12-25",  # Christmas Day
    "2043-12-26",  # Boxing Day
    "2043-12-28",  # Boxing Day (observed)
    "2044-01-01",  # New Year's Day
    "2044-04-15",  # Good Friday
    "2044-04-18",  # Easter Monday
    "2044-05-02",  # May Day
    "2044-05-30",  # Spring Bank Holiday
    "2044-08-29",  # Late Summer Bank Holiday
    "2044-12-25",  # Christmas Day
    "2044-12-26",  # Boxing Day
    "2044-12-27",  # Christmas Day (observed)
    "2045-01-01",  # New Year's Day
    "2045-01-02",  # New Year's Day (observed)
    "2045-04-07",  # Good Friday
    "2045-04-10",  # Easter Monday
    "2045-05-01",  # May Day
    "2045-05-29",  # Spring Bank Holiday
    "2045-08-28",  # Late Summer Bank Holiday
    "2045-12-25",  # Christmas Day
    "2045-12-26",  # Boxing Day
    "2046-01-01",  # New Year's Day
    "2046-03-23",  # Good Friday
    "2046-03-26",  # Easter Monday
    "2046-05-07",  # May Day
    "2046-05-28",  # Spring Bank Holiday
    "2046-08-27",  # Late Summer Bank Holiday
    "2046-12-25",  # Christmas Day
    "2046-12-26",  # Boxing Day
    "2047-01-01",  # New Year's Day
    "2047-04-12",  # Good Friday
    "2047-04-15",  # Easter Monday
    "2047-05-06",  # May Day
    "2047-05-27",  # Spring Bank Holiday
    "2047-08-26",  # Late Summer Bank Holiday
    "2047-12-25",  # Christmas Day
    "2047-12-26",  # Boxing Day
    "2048-01-01",  # New Year's Day
    "2048-04-03",  # Good Friday
    "2048-04-06",  # Easter Monday
    "2048-05-04",  # May Day
    "2048-05-25",  # Spring Bank Holiday
    "2048-08-31",  # Late Summer Bank Holiday
    "2048-12-25",  # Christmas Day
    "2048-12-26",  # Boxing Day
    "2048-12-28",  # Boxing Day (observed)
    "2049-01-01",  # New Year's Day
    "2049-04-16",  # Good Friday
    "2049-04-19",  # Easter Monday
    "2049-05-03",  # May Day
    "2049-05-31",  # Spring Bank Holiday
    "2049-08-30",  # Late Summer Bank Holiday
    "2049-12-25",  # Christmas Day
    "2049-12-26",  # Boxing Day
    "2049-12-27",  # Christmas Day (observed)
    "2049-12-28",  # Boxing Day (observed)
    "2050-01-01",  # New Year's Day
    "2050-01-03",  # New Year's Day (observed)
    "2050-04-08",  # Good Friday
    "2050-04-11",  # Easter Monday
    "2050-05-02",  # May Day
    "2050-05-30",  # Spring Bank Holiday
    "2050-08-29",  # Late Summer Bank Holiday
    "2050-12-25",  # Christmas Day
    "2050-12-26",  # Boxing Day
    "2050-12-27",  # Christmas Day (observed)
    "2051-01-01",  # New Year's Day
    "2051-01-02",  # New Year's Day (observed)
    "2051-03-31",  # Good Friday
    "2051-04-03",  # Easter Monday
    "2051-05-01",  # May Day
    "2051-05-29",  # Spring Bank Holiday
    "2051-08-28",  # Late Summer Bank Holiday
    "2051-12-25",  # Christmas Day
    "2051-12-26",  # Boxing Day
    "2052-01-01",  # New Year's Day
    "2052-04-19",  # Good Friday
    "2052-04-22",  # Easter Monday
    "2052-05-06",  # May Day
    "2052-05-27",  # Spring Bank Holiday
    "2052-08-26",  # Late Summer Bank Holiday
    "2052-12-25",  # Christmas Day
    "2052-12-26",  # Boxing Day
    "2053-01-01",  # New Year's Day
    "2053-04-04",  # Good Friday
    "2053-04-07",  # Easter Monday
    "2053-05-05",  # May Day
    "2053-05-26",  # Spring Bank Holiday
    "2053-08-25",  # Late Summer Bank Holiday
    "2053-12-25",  # Christmas Day
    "2053-12-26",  # Boxing Day
    "2054-01-01",  # New Year's Day
    "2054-03-27",  # Good Friday
    "2054-03-30",  # Easter Monday
    "2054-05-04",  # May Day
    "2054-05-25",  # Spring Bank Holiday
    "2054-08-31",  # Late Summer Bank Holiday
    "2054-12-25",  # Christmas Day
    "2054-12-26",  # Boxing Day
    "2054-12-28",  # Boxing Day (observed)
    "2055-01-01",  # New Year's Day
    "2055-04-16",  # Good Friday
    "2055-04-19",  # Easter Monday
    "2055-05-03",  # May Day
    "2055-05-31",  # Spring Bank Holiday
    "2055-08-30",  # Late Summer Bank Holiday
    "2055-12-25",  # Christmas Day
    "2055-12-26",  # Boxing Day
    "2055-12-27",  # Christmas Day (observed)
    "2055-12-28",  # Boxing Day (observed)
    "2056-01-01",  # New Year's Day
    "2056-01-03",  # New Year's Day (observed)
    "2056-03-31",  # Good Friday
    "2056-04-03",  # Easter Monday
    "2056-05-01",  # May Day
    "2056-05-29",  # Spring Bank Holiday
    "2056-08-28",  # Late Summer Bank Holiday
    "2056-12-25",  # Christmas Day
    "2056-12-26",  # Boxing Day
    "2057-01-01",  # New Year's Day
    "2057-04-20",  # Good Friday
    "2057-04-23",  # Easter Monday
    "2057-05-07",  # May Day
    "2057-05-28",  # Spring Bank Holiday
    "2057-08-27",  # Late Summer Bank Holiday
    "2057-12-25",  # Christmas Day
    "2057-12-26",  # Boxing Day
    "2058-01-01",  # New Year's Day
    "2058-04-12",  # Good Friday
    "2058-04-15",  # Easter Monday
    "2058-05-06",  # May Day
    "2058-05-27",  # Spring Bank Holiday
    "2058-08-26",  # Late Summer Bank Holiday
    "2058-12-25",  # Christmas Day
    "2058-12-26",  # Boxing Day
    "2059-01-01",  # New Year's Day
    "2059-03-28",  # Good Friday
    "2059-03-31",  # Easter Monday
    "2059-05-05",  # May Day
    "2059-05-26",  # Spring Bank Holiday
    "2059-08-25",  # Late Summer Bank Holiday
    "2059-12-25",  # Christmas Day
    "2059-12-26",  # Boxing Day
    "2060-01-01",  # New Year's Day
    "2060-04-16",  # Good Friday
    "2060-04-19",  # Easter Monday
    "2060-05-03",  # May Day
    "2060-05-31",  # Spring Bank Holiday
    "2060-08-30",  # Late Summer Bank Holiday
    "2060-12-25",  # Christmas Day
    "2060-12-26",  # Boxing Day
    "2060-12-27",  # Christmas Day (observed)
    "2060-12-28",  # Boxing Day (observed)
)


def generate() -> str:
    """The source of this module, from the ``holidays`` package."""
    import holidays

    table = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    source = Path(__file__).read_text(encoding="utf-8")
    head, _, rest = source.partition("BANK_HOLIDAYS: tuple[str, ...] = (\n")
    _, _, tail = rest.partition("\n)\n")
    body = "".join(f'    "{day.isoformat()}",  # {table[day]}\n' for day in sorted(table))
    return f"{head}BANK_HOLIDAYS: tuple[str, ...] = (\n{body})\n{tail}"


if __name__ == "__main__":
    Path(__file__).write_text(generate(), encoding="utf-8")
