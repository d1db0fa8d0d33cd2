"""Shipped word lists for the rule-based entity extractor (pure data, no downloads).

Kept deliberately small and generic: titles and honorifics that introduce a person, cue words
that end an organisation's name, well-known organisations (with their acronyms) and places.
Editors extend recognition in the admin (entity aliases), not here.
"""


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Titles and honorifics that come before a person's name. Multi-word titles are matched as
# words: "Attorney General Jeff Sessions" is the person Jeff Sessions.
TITLE_WORDS = _words(
    """
    mr mrs ms miss dr prof rev sen sens rep reps gov lt gen col sgt capt maj supt atty
    president vice attorney general secretary assistant deputy undersecretary under minister
    prime chancellor governor senator representative congressman congresswoman mayor judge
    justice chief commissioner director sheriff superintendent ambassador spokesman
    spokeswoman spokesperson chairman chairwoman chair speaker leader pope king queen prince
    princess sir dame lord lady officer detective sergeant lieutenant captain major colonel
    admiral professor doctor councilman councilwoman councillor councilmember treasurer
    comptroller auditor executive former acting interim state federal district county city
    us u.s. homeland security defense defence foreign interior justice labor commerce
    education energy health transportation treasury agriculture immigration senior associate
    managing editor coach founder ceo cfo coo president-elect first lady magistrate bishop
    archbishop cardinal rabbi imam pastor father sister brother dean provost trooper agent
    supervisor
    """
)

# Honorifics that make the next capitalised word(s) a person, even alone ("Mr. Sessions").
HONORIFICS = _words(
    """
    mr mrs ms miss dr prof rev sen sens rep reps gov sir dame lt gen col sgt capt maj
    """
)

# A title alone before a name is a strong person cue.
PERSON_TITLES = _words(
    """
    president senator sen governor gov mayor judge secretary minister chancellor
    representative rep congressman congresswoman general attorney sheriff commissioner
    director ambassador spokesman spokeswoman chairman chairwoman speaker pope king queen
    prince princess officer detective sergeant professor dr mr mrs ms justice superintendent
    chief leader treasurer councilman councilwoman councilmember coach founder ceo bishop
    archbishop cardinal rabbi pastor trooper agent lieutenant captain colonel admiral
    chair supervisor deputy executive capt
    """
)

# Last (or near-last) words that make a capitalised sequence an organisation.
ORG_CUES = _words(
    """
    union foundation center centre institute institution department agency association
    council committee commission network coalition party court university college school
    academy bank company corporation corp inc ltd llc group watch organization organisation
    office bureau service services board authority police fund alliance project society
    church times post journal news press tribune herald gazette federation league club
    airlines airline ministry parliament congress senate house guard army navy corps patrol
    enforcement caucus administration conference trust council laboratory labs hospital
    clinic firm partners industries holdings systems technologies media broadcasting network
    reserve exchange commission cooperative collective initiative campaign movement forum
    assembly tribunal registry program programme
    """
)

# Words that may join the parts of an organisation's or place's name.
CONNECTORS = _words(
    """
    of for and the on de del la los las du von van al
    """
)

# Words that make a capitalised sequence a place (first or last word): Tampa Bay, Lake Washington.
PLACE_CUES = _words(
    """
    county bay lake river gulf mountains mountain island islands beach canyon desert sea ocean
    coast peninsula valley province region strait heights
    """
)

# Industry words that end company names.
ORG_CUES_EXTRA = _words(
    """
    pharmaceuticals pharma motors airways foods brands stores capital ventures entertainment
    studios records publishing insurance logistics health transit legislature circuit port
    railroad railway utilities energy bancorp financial tribe tribes library libraries museum
    zoo orchestra electric
    """
)

# Political parties: "Kansas Republican" is a place and a party.
PARTY_WORDS = {
    "Republican": "Republican Party",
    "Republicans": "Republican Party",
    "Democrat": "Democratic Party",
    "Democrats": "Democratic Party",
    "Democratic": "Democratic Party",
}

# Well-known organisations (exact names) and acronyms, with their long forms.
ACRONYMS = {
    "ACLU": "American Civil Liberties Union",
    "NAACP": "National Association for the Advancement of Colored People",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
    "DOJ": "Justice Department",
    "DHS": "Department of Homeland Security",
    "ICE": "Immigration and Customs Enforcement",
    "CBP": "Customs and Border Protection",
    "GOP": "Republican Party",
    "NATO": "North Atlantic Treaty Organization",
    "UN": "United Nations",
    "EU": "European Union",
    "WHO": "World Health Organization",
    "NASA": "National Aeronautics and Space Administration",
    "EPA": "Environmental Protection Agency",
    "IRS": "Internal Revenue Service",
    "CDC": "Centers for Disease Control and Prevention",
    "FDA": "Food and Drug Administration",
    "SEC": "Securities and Exchange Commission",
    "FCC": "Federal Communications Commission",
    "FEMA": "Federal Emergency Management Agency",
    "IMF": "International Monetary Fund",
    "MALDEF": "Mexican American Legal Defense and Educational Fund",
    "NILC": "National Immigration Law Center",
    "DEA": "Drug Enforcement Administration",
    "ATF": "Bureau of Alcohol, Tobacco, Firearms and Explosives",
    "NSA": "National Security Agency",
    "NHS": "National Health Service",
    "BBC": "BBC",
    "AP": "Associated Press",
    "NPR": "NPR",
    "NRA": "National Rifle Association",
    "OPEC": "OPEC",
    "UNHCR": "UNHCR",
    "USCIS": "U.S. Citizenship and Immigration Services",
    "HHS": "Department of Health and Human Services",
    "DOT": "Department of Transportation",
    "NTSB": "National Transportation Safety Board",
    "FAA": "Federal Aviation Administration",
}

# Other names of the same organisation, mapped to the canonical name.
ORG_ALIASES = {
    "Department of Justice": "Justice Department",
    "Justice Dept": "Justice Department",
    "Homeland Security Department": "Department of Homeland Security",
    "Democrats": "Democratic Party",
    "Republicans": "Republican Party",
    "Democratic": "Democratic Party",
    "Republican": "Republican Party",
}

KNOWN_ORGS = frozenset(
    set(ACRONYMS.values())
    | set(ORG_ALIASES.values())
    | {
        "Reuters", "Human Rights Watch", "Amnesty International", "La Raza", "Fusion", "Google",
        "Apple", "Amazon", "Microsoft", "Facebook", "Twitter", "Meta", "Tesla", "Boeing",
        "Pentagon", "White House", "Kremlin", "Congress", "Senate", "Red Cross", "Greenpeace",
        "Walmart", "Uber", "Airbnb", "Oxfam", "Interpol", "Europol", "Supreme Court",
        "Associated Press", "Bloomberg", "Goldman Sachs", "JPMorgan Chase", "Pfizer", "Moderna",
        "Toyota", "Volkswagen", "Exxon Mobil", "Chevron", "Verizon", "Netflix", "Disney",
        "Starbucks", "McDonald's", "Hamas", "Hezbollah", "Taliban", "Medicaid", "Medicare",
        "Planned Parenthood", "Sierra Club", "Salvation Army", "Catholic Charities",
        "World Bank", "Federal Reserve", "Wall Street Journal", "New York Times",
        "Washington Post", "Los Angeles Times", "Washington Times", "CNN", "Fox News", "MSNBC",
        "Citigroup", "Wells Fargo", "Bank of America", "BlackRock",
        "JPMorgan", "Berkshire Hathaway", "General Motors", "Ford", "Stellantis", "Nvidia",
        "Intel", "IBM", "Oracle", "Samsung", "Huawei", "Alibaba", "TikTok", "YouTube",
        "Instagram", "WhatsApp", "OpenAI", "Anthropic", "SpaceX", "Spotify",
        "Target", "Costco", "Home Depot", "FedEx", "UPS", "Delta Air Lines",
        "United Airlines", "American Airlines", "Southwest Airlines", "Coca-Cola", "PepsiCo",
        "Nike", "Shell", "BP", "Exxon", "Johnson & Johnson", "Merck", "Eli Lilly",
        "AstraZeneca", "Novartis", "Bayer", "Siemens", "Airbus", "Lockheed Martin",
        "Raytheon", "Kaiser Permanente", "Harvard", "Yale", "Stanford", "MIT", "Politico",
        "Axios", "Bloomberg News", "Agence France-Presse", "Al Jazeera", "NBC", "ABC", "CBS",
        "PBS", "Univision", "Telemundo", "ProPublica", "Amtrak",
    }
)

# Places: single-word names separated by spaces; multi-word names separated by "|".
_PLACE_WORDS = """
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania
Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming
Afghanistan Albania Algeria Argentina Armenia Australia Austria Bangladesh Belarus Belgium
Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus
Denmark Ecuador Egypt Eritrea Estonia Ethiopia Finland France Germany Ghana Greece Guatemala
Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Kosovo Kuwait Latvia Lebanon Libya Lithuania Malaysia Mali Mexico
Moldova Mongolia Morocco Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway Pakistan
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Serbia
Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania
Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia
Zimbabwe Britain England Scotland Wales Europe Asia Africa Gaza America USA UK U.S.
Atlanta Austin Baltimore Boston Brooklyn Buffalo Charlotte Chicago Cincinnati Cleveland Dallas
Denver Detroit Fresno Houston Indianapolis Jacksonville Memphis Miami Milwaukee Minneapolis
Nashville Newark Oakland Omaha Orlando Philadelphia Phoenix Pittsburgh Portland Sacramento
Seattle Tampa Tucson Tijuana Juarez Manhattan Queens Harlem Anaheim Yuma Laredo McAllen
Brownsville Nogales Albuquerque Boise Honolulu Anchorage Richmond Raleigh Columbus Hartford
Providence Burlington Trenton Annapolis Springfield Madison Lansing London Paris Berlin Madrid
Rome Moscow Beijing Shanghai Tokyo Seoul Mumbai Cairo Istanbul Ankara Athens Brussels Geneva
Vienna Warsaw Kyiv Kiev Lisbon Dublin Amsterdam Stockholm Oslo Copenhagen Helsinki Jerusalem
Baghdad Kabul Tehran Damascus Beirut Riyadh Dubai Doha Nairobi Lagos Johannesburg Sydney
Melbourne Toronto Montreal Vancouver Ottawa Havana Caracas Bogota Lima Santiago Brasilia Manila
Jakarta Bangkok Hanoi Karachi Islamabad Dhaka Arlington Alexandria Calais Lampedusa Marseille
Lyon Munich Hamburg Frankfurt Milan Naples Barcelona Valencia Seville Glasgow Edinburgh
Manchester Liverpool Birmingham Leeds Bristol Cardiff Belfast Midwest Southwest Appalachia
"""

_PLACE_PHRASES = """
New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Rhode Island|
South Carolina|South Dakota|West Virginia|Puerto Rico|District of Columbia|Costa Rica|
Czech Republic|Dominican Republic|El Salvador|New Zealand|North Korea|South Africa|South Korea|
South Sudan|Sri Lanka|United Arab Emirates|United Kingdom|United States|Latin America|
Central America|South America|North America|Middle East|West Bank|El Paso|Kansas City|
Las Vegas|Los Angeles|New Orleans|New York City|Oklahoma City|Salt Lake City|San Antonio|
San Diego|San Francisco|San Jose|St. Louis|New Delhi|Tel Aviv|Cape Town|Mexico City|
Buenos Aires|Rio de Janeiro|Sao Paulo|Hong Kong|Silicon Valley|Capitol Hill|Rio Grande|
Long Beach|Santa Ana|Bakersfield|Washington state|Washington, D.C.|Gulf Coast|West Coast|
East Coast|Central Valley|Orange County|Cook County|Harris County|Maricopa County|Miami-Dade|
Sonoran Desert|Pacific Northwest|Bay Area
"""

PLACES = frozenset(_PLACE_WORDS.split()) | frozenset(
    p.strip() for p in _PLACE_PHRASES.replace("\n", "").split("|") if p.strip()
)

# Common given names: a capitalised sequence that starts with one is a person.
FIRST_NAMES = _words(
    """
    aaron adam adrian ahmed aisha alan albert alex alexander alexandria alexis alice alicia
    alison amanda amy ana andrea andrew angela ann anna anne anthony antonio ashley barack
    barbara ben benjamin bernie beth betsy beto bill bob bobby brad brandon brenda brett
    brian bruce bryan carl carla carlos carmen carol caroline catherine cecilia cecillia
    charles charlie chris christina christine christopher chuck cindy claire clara claudia
    colin connie cory craig dan daniel danielle david dean deborah debra denise dennis derek
    diana diane dianne donald donna doris doug douglas dylan ed eddie edward elaine elena
    elizabeth ellen emily emma eric erica erin eugene eva evan frank fred gabriel gary
    george gerald gina gloria grace greg gregory hannah harold harry heather heidi helen
    henry hillary hugo ian isabel jack jackie jacob james jamie jane janet jason javier jay
    jean jeanne jeb jeff jeffrey jennifer jeremy jerry jessica jill jim jimmy joan joaquin
    joe joel john johnny jon jonathan jorge jose joseph josh joshua juan judy julia julian
    julie justin karen kate katherine kathleen kathy katie kay keith kelly ken kenneth kevin
    kim kimberly kirsten kyle larry laura lauren leah lee leon leslie linda lindsey lisa liz
    loretta louis lucas lucy luis luz lynn madeleine marco marcus margaret maria marie
    marisa mark martha martin mary matt matthew maxine megan melissa michael michelle miguel
    mike mitch mitt molly monica nancy natalie nathan neil nicholas nicole nina noah olivia
    omar pablo pam pamela pat patricia patrick paul paula peter phil philip rachel rafael
    rahm ralph ramon randy raul ray raymond rebecca reade rich richard rick rita rob robert
    roberto rod roger ron ronald rosa ruth ryan sally sam samantha samuel sandra sara sarah
    scott sean sergio sharon shirley sofia sonia sophia stacey stephanie stephen steve
    steven sue susan tammy ted teresa terry thomas tim timothy tina todd tom tony tracy
    travis valerie vanessa victor victoria vincent virginia walter wayne wendy william
    willie xavier yolanda zach zachary mica ana jorge elena diego fernando ricardo eduardo
    francisco alejandro manuel pedro ahmad ali hassan fatima mohammed muhammad yusuf ibrahim
    wei li chen ming hiroshi yuki priya raj rahul anil sunita olga ivan dmitri sergei
    vladimir angela emmanuel boris kamala joe nikki ron marjorie lindsey ilhan alexandria
    mitch kevin nancy chuck
    """
)
