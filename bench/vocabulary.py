"""Word lists and outlet data for ``bench.generate``. Pure data plus a few inflection helpers.

Every list is written roughly from most to least common, because the generator turns a list's
order into a Zipf-like rank. Nothing here is downloaded; the words are ordinary English news words.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADVERBS = _words("""
also now still already recently later only just even again often never ever nearly largely
currently previously initially eventually quickly widely sharply slightly roughly directly
publicly privately officially formally reportedly allegedly apparently increasingly largely
particularly especially significantly effectively immediately ultimately repeatedly strongly
briefly clearly openly jointly narrowly heavily firmly steadily gradually abruptly swiftly
separately simultaneously temporarily permanently annually overnight nationwide abroad
""")

PREPOSITIONS = _words("""
in of to for on with at by from about after over against under before between during into
through without among across since amid toward within despite around behind beyond near
following including alongside ahead
""")

DETERMINERS = _words("""
the the the the a the its their this a some many several that these those another each
both every most few our his her
""")

# Nouns: singular forms; plurals are generated (irregular ones listed in IRREGULAR_PLURALS).
NOUNS = _words("""
government year people state time police official country week group city president company
percent law case court report plan program month day family market system policy rule issue
party campaign election vote member leader minister department agency office director
administration house bill budget tax money price cost rate economy business job worker
school student child woman man community area world region border security military force
attack war death health hospital doctor patient care service water power energy oil gas
project investigation decision statement letter interview information data evidence record
trial judge lawyer charge crime prison sentence victim witness suspect officer authority
agreement deal talk meeting conference summit council committee board commission panel
senator governor mayor lawmaker legislature congress parliament candidate voter ballot
district county province capital street road building home land property site plant factory
industry bank fund investor share stock profit revenue loss growth trade export import
tariff debt deficit spending loan credit inflation unemployment wage salary pension benefit
insurance fee fine penalty reform change increase decline drop rise level number amount
figure percentage total majority minority population resident citizen immigrant refugee
migrant asylum deportation visa passport detention camp shelter aid relief support help
crisis emergency disaster storm flood fire drought earthquake hurricane weather climate
temperature emission pollution environment energy coal wind solar carbon forest river
ocean coast island farm farmer food crop harvest product technology company platform app
software device phone computer internet network website account user privacy content
video image photo message post comment social medium media newspaper magazine reporter
journalist editor story article column book film movie music show series game team player
coach season match league championship title win victory defeat loss record score fan
stadium club owner contract transfer injury university college professor researcher study
scientist research survey poll analysis result finding trial vaccine virus disease
outbreak pandemic infection drug treatment medicine surgery mental safety risk threat
warning concern fear question problem challenge pressure effort action step measure
move response reaction criticism debate dispute conflict tension protest demonstration
rally march strike union labor employer employee manager executive chairman founder
spokesman spokeswoman spokesperson representative ambassador diplomat envoy delegation
ally partner neighbor rival opponent critic supporter advocate activist organization
coalition network association foundation institute center charity church religion faith
culture history tradition language identity right freedom justice equality protection
enforcement regulation guideline requirement standard license permit application request
proposal idea option alternative solution strategy approach goal target priority mission
operation strike raid arrest shooting gun weapon bomb explosion missile troop soldier
army navy veteran commander general base fleet aircraft plane flight airport airline
passenger train bus car vehicle driver traffic accident crash route transport port
ship vessel cargo shipment supply shortage demand consumer customer retailer store sale
brand deal merger acquisition lawsuit settlement claim damage compensation appeal ruling
verdict hearing testimony inquiry probe audit review scandal allegation fraud corruption
bribery abuse harassment misconduct violation breach leak hack cyberattack intelligence
surveillance spy terrorism terrorist extremist militant rebel insurgent regime sanction
embargo treaty accord resolution ceasefire negotiation peace invasion occupation territory
independence sovereignty referendum constitution amendment clause provision statute
jurisdiction agency bureau ministry cabinet secretary chief head deputy aide adviser staff
volunteer crowd audience public nation society generation youth teenager parent mother
father daughter son wife husband friend neighbor couple household income poverty wealth
inequality housing rent mortgage homeowner tenant eviction construction infrastructure
bridge highway tunnel pipeline railway grid utility outage blackout shortage subsidy
incentive grant donation donor fundraiser contribution campaign ad advertisement message
speech address remark comment tweet video footage photograph document memo email file
database list map chart page quarter half term period decade century moment hour minute
morning afternoon evening night weekend holiday anniversary event ceremony festival
celebration funeral memorial tribute award prize honor medal
""")

IRREGULAR_PLURALS = {
    "child": "children", "people": "people", "man": "men", "woman": "women", "person": "people",
    "crisis": "crises", "analysis": "analyses", "medium": "media", "datum": "data",
    "police": "police", "data": "data", "evidence": "evidence", "information": "information",
    "money": "money", "health": "health", "care": "care", "justice": "justice",
    "equality": "equality", "freedom": "freedom", "safety": "safety", "security": "security",
    "poverty": "poverty", "wealth": "wealth", "inflation": "inflation", "weather": "weather",
    "unemployment": "unemployment", "pollution": "pollution", "enforcement": "enforcement",
    "infrastructure": "infrastructure", "intelligence": "intelligence",
    "surveillance": "surveillance", "terrorism": "terrorism", "corruption": "corruption",
    "bribery": "bribery", "independence": "independence", "sovereignty": "sovereignty",
    "housing": "housing", "construction": "construction", "footage": "footage",
    "youth": "youth", "staff": "staff", "aircraft": "aircraft", "percent": "percent",
    "public": "public", "labor": "labor", "music": "music", "privacy": "privacy",
    "research": "research", "software": "software", "asylum": "asylum", "detention": "detention",
    "deportation": "deportations", "peace": "peace", "environment": "environment",
    "energy": "energy", "coal": "coal", "carbon": "carbon", "food": "food", "relief": "relief",
    "support": "support", "help": "help", "aid": "aid", "spending": "spending", "growth": "growth",
    "trade": "trade", "revenue": "revenues", "congress": "congress", "parliament": "parliaments",
}

# Verbs: base forms; -s/-ed/-ing forms are generated (irregular pasts in IRREGULAR_PAST).
VERBS = _words("""
say tell have make take go come give get know see find show call ask want need use
announce report expect plan include continue add note warn accuse deny confirm claim argue
describe suggest urge demand call agree refuse decide allow prevent require seek try
help support oppose reject approve pass sign vote elect appoint name hire fire resign leave
lead win lose face meet hold join launch start begin end open close build create develop
produce provide offer receive pay raise cut reduce increase lower rise fall drop grow gain
spend invest borrow lend buy sell trade own run operate manage control govern rule order
ban block limit restrict protect defend attack kill wound injure arrest detain charge
convict sentence release free jail prosecute sue investigate examine review study test
discover reveal expose publish release post share send write speak talk discuss debate
negotiate propose consider weigh delay postpone cancel suspend resume return remain stay
move travel visit arrive depart flee escape cross enter deport evacuate rescue
threaten promise pledge vow insist acknowledge admit concede apologize criticize condemn
praise welcome thank blame cite quote mention emphasize highlight stress point signal
indicate estimate predict forecast project calculate measure count track monitor
follow replace restore improve expand extend boost strengthen weaken damage destroy
collapse recover struggle fight challenge question dispute contest overturn uphold
block enforce implement introduce adopt draft amend repeal scrap overhaul reform
address tackle handle resolve settle finance fund donate award honor celebrate mark
""")

IRREGULAR_PAST = {
    "say": "said", "tell": "told", "have": "had", "make": "made", "take": "took", "go": "went",
    "come": "came", "give": "gave", "get": "got", "know": "knew", "see": "saw", "find": "found",
    "lead": "led", "win": "won", "lose": "lost", "hold": "held", "meet": "met", "leave": "left",
    "begin": "began", "build": "built", "pay": "paid", "rise": "rose", "fall": "fell",
    "grow": "grew", "spend": "spent", "buy": "bought", "sell": "sold", "run": "ran",
    "lend": "lent", "send": "sent", "write": "wrote", "speak": "spoke", "flee": "fled",
    "cut": "cut", "set": "set", "put": "put", "hit": "hit", "quit": "quit", "shut": "shut",
    "fight": "fought", "seek": "sought", "think": "thought", "bring": "brought",
    "forecast": "forecast", "wound": "wounded", "draw": "drew", "drive": "drove",
}

ADJECTIVES = _words("""
new former federal national local public political economic military foreign international
local state senior top major large small high low big long short key early late recent
final general main united American British European Chinese Russian Mexican African
global regional private criminal civil legal illegal social financial human medical
nuclear environmental democratic republican conservative liberal progressive independent
official previous current future possible likely potential significant serious critical
important major minor severe strong weak tough controversial popular unpopular historic
annual monthly daily weekly full free open closed secret special additional further
economic fiscal monetary commercial industrial agricultural digital online rural urban
suburban coastal northern southern eastern western central domestic overseas
massive huge tiny rapid slow sudden gradual steady sharp modest dramatic unprecedented
widespread ongoing emergency temporary permanent interim acting incoming outgoing
bipartisan partisan divided unanimous fierce bitter heated intense violent peaceful
deadly fatal injured missing dead alive armed unarmed safe dangerous vulnerable
undocumented unauthorized sanctioned disputed alleged accused suspected convicted
confidential classified sensitive clear unclear uncertain confident optimistic
pessimistic cautious skeptical concerned worried angry frustrated disappointed
surprised proud grateful determined reluctant willing unable eager ready
affordable expensive cheap costly profitable sustainable renewable clean dirty
""")

# Topic-specific words: a story draws extra nouns and adjectives from its topic.
TOPICS: dict[str, tuple[str, ...]] = {
    "immigration": _words("""immigration immigrant immigrants border crossing asylum deportation
        deportations sanctuary visa migrants detention amnesty citizenship naturalization
        undocumented refugee refugees caravan wall patrol customs enforcement green card
        Dreamers DACA"""),
    "economy": _words("""economy inflation recession interest rates unemployment jobs payrolls
        GDP stimulus deficit treasury bonds yields markets stocks investors earnings dividends
        mortgage housing consumer spending retail manufacturing tariffs exports imports"""),
    "elections": _words("""election elections ballot ballots voters turnout primary primaries
        caucus campaign campaigns candidate candidates polls polling debate nominee
        nomination delegates electoral recount precinct absentee redistricting gerrymandering
        incumbent challenger runoff"""),
    "health": _words("""health hospital hospitals patients vaccine vaccines vaccination virus
        outbreak pandemic COVID-19 coronavirus infections cases doctors nurses Medicaid Medicare
        insurance prescription opioid overdose overdoses clinic clinics diagnosis cancer"""),
    "climate": _words("""climate emissions carbon warming temperatures heatwave wildfire
        wildfires drought flooding hurricane renewable solar wind coal pipeline fracking
        methane glacier glaciers sea levels conservation biodiversity deforestation"""),
    "crime": _words("""police officers shooting shootings homicide murder robbery burglary
        suspect suspects arrest arrested charged indicted indictment prosecutor prosecutors
        jury verdict sentencing parole probation gang gangs firearm firearms detective"""),
    "technology": _words("""technology tech software app apps smartphone smartphones data
        privacy encryption hackers hacking cyberattack ransomware algorithm algorithms
        artificial intelligence startup startups platform platforms broadband semiconductor
        chips cloud"""),
    "foreign": _words("""diplomats diplomatic embassy ambassador sanctions treaty ceasefire
        troops airstrikes airstrike rebels insurgents militants regime ministry summit
        nuclear missile missiles negotiations envoy humanitarian refugees occupation annexation
        coalition"""),
    "courts": _words("""court courts justice justices judge judges ruling rulings appeal
        appeals lawsuit lawsuits plaintiffs defendants injunction constitutional amendment
        precedent supreme circuit attorneys testimony subpoena filing brief dissent"""),
    "education": _words("""school schools students teachers classroom classrooms curriculum
        tuition university universities college colleges campus enrollment graduates
        scholarships loans superintendent district districts charter testing literacy
        kindergarten"""),
    "sports": _words("""season game games team teams coach players playoff playoffs
        championship tournament league quarterback pitcher striker goalkeeper stadium fans
        injury roster draft contract titles medal medals Olympics"""),
    "business": _words("""company companies shares shareholders executive executives merger
        acquisition revenue profits quarterly earnings layoffs workers union unions strike
        factory factories supply chain retailer retailers brand brands CEO"""),
}

# Rare words: injected with low probability so that rare-word queries have only a few hits.
RARE_WORDS = _words("""
quokka sesquipedalian zeitgeist palimpsest obstreperous defenestration kakistocracy
perspicacious lugubrious antediluvian callipygian borborygmus brobdingnagian cacophonous
circumlocution crepuscular discombobulate effulgent floccinaucinihilipilification
gerrymanderer hirsute ignominious impecunious inveigle juxtaposition kerfuffle
lackadaisical mellifluous nefarious obfuscation onomatopoeia pusillanimous quixotic
recalcitrant sycophantic tergiversation ubiquitous vicissitude wunderkind xenophobe
yammering zugzwang abecedarian bloviate canoodle dudgeon ebullient fulminate gobbledygook
hornswoggle imbroglio jeremiad kleptocracy logorrhea malarkey nincompoop obsequious
persnickety quagmire rapscallion shenanigans troglodyte umbrage vituperative widdershins
xeriscape yokel zephyr apocryphal bailiwick cattywampus doppelganger eschatology
farrago gallimaufry hullabaloo interregnum juggernaut kowtow lollygag mugwump nonplussed
ombudsman panjandrum quidnunc rigmarole snollygoster tatterdemalion usufruct verisimilitude
wabbit xylophonist yeasayer zaftig
""")

FIRST_NAMES = _words("""
James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard
Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty
Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua
Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah Ronald
Stephanie Timothy Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy
Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott
Nicole Brandon Emma Benjamin Samantha Samuel Katherine Gregory Christine Frank Debra
Alexander Rachel Raymond Catherine Patrick Carolyn Jack Janet Dennis Ruth Jerry Maria Tyler
Heather Aaron Diane Jose Virginia Adam Julie Henry Joyce Nathan Victoria Douglas Olivia
Zachary Kelly Peter Christina Kyle Lauren Walter Joan Ethan Evelyn Jeremy Judith Harold
Megan Keith Cheryl Christian Andrea Roger Hannah Noah Martha Gerald Jacqueline Carl Frances
Terry Gloria Sean Ann Austin Teresa Arthur Kathryn Lawrence Sara Jesse Janice Dylan Jean
Bryan Alice Joe Madison Jordan Doris Billy Abigail Bruce Julia Albert Judy Willie Grace
Gabriel Denise Logan Amber Alan Marilyn Juan Beverly Wayne Danielle Roy Theresa Ralph
Sophia Randy Marie Eugene Diana Vincent Brittany Russell Natalie Elijah Isabella Louis
Charlotte Bobby Rose Philip Alexis Johnny Kayla Mohammed Priya Wei Hiroshi Olga Carlos
Fatima Ahmed Ana Luis Sofia Miguel Yuki Ivan Aisha Omar Leila Chen Raj Ngozi Kwame Ingrid
Lars Pierre Isabelle Giovanni Francesca Dmitri Svetlana Mateo Camila Hamid Yasmin Tariq
""")

SURNAMES = _words("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez
Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan
Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan
Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant
Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker
Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason
Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox
Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan
Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos
Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews
Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis
Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins Greene
Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson
Austin Dominguez Carr Lawson Jacobs OBrien Lynch Singh Vega Bishop Montgomery Oliver
Okafor Mensah Nakamura Tanaka Yamamoto Ivanova Petrov Kowalski Novak Muller Schneider
Fischer Dubois Lefebvre Rossi Russo Bianchi Haddad Khalil Rahman Hussain Chowdhury Sharma
Gupta Kapoor Wang Zhang Liu Huang Zhao Park Choi Lindqvist Johansson Eriksson Okonkwo
""")

CITIES = _words("""
Washington New_York Los_Angeles Chicago Houston Phoenix Philadelphia San_Antonio San_Diego
Dallas Austin Miami Atlanta Boston Seattle Denver Detroit Baltimore Nashville Portland
Las_Vegas Sacramento Minneapolis Cleveland Pittsburgh St._Louis Tampa Orlando Charlotte
Raleigh Richmond Albuquerque Tucson El_Paso Milwaukee Kansas_City Omaha Salt_Lake_City
New_Orleans Memphis Louisville Indianapolis Columbus Cincinnati Buffalo Honolulu Anchorage
London Paris Berlin Brussels Geneva Moscow Kyiv Beijing Shanghai Hong_Kong Tokyo Seoul
New_Delhi Mumbai Islamabad Kabul Tehran Baghdad Damascus Jerusalem Cairo Istanbul Ankara
Riyadh Dubai Nairobi Lagos Johannesburg Mexico_City Tijuana Havana Caracas Bogota Lima
Brasilia Sao_Paulo Buenos_Aires Ottawa Toronto Sydney Canberra Manila Jakarta Bangkok
Hanoi Singapore Rome Madrid Lisbon Athens Warsaw Vienna Stockholm Oslo Dublin Edinburgh
""")

STATES = _words("""
California Texas Florida New_York Arizona Illinois Pennsylvania Ohio Georgia Michigan
North_Carolina Virginia Washington Massachusetts New_Jersey Colorado Nevada Oregon
Minnesota Wisconsin Missouri Tennessee Louisiana Alabama Kentucky Iowa Utah New_Mexico
Maryland Connecticut
""")

COUNTRIES = _words("""
United_States China Russia Mexico Canada Britain France Germany Japan India Iran Iraq Syria
Israel Ukraine Afghanistan Pakistan Saudi_Arabia Turkey Egypt Brazil Venezuela Cuba North_Korea
South_Korea Australia Italy Spain Nigeria Kenya South_Africa Guatemala Honduras El_Salvador
Colombia Argentina Poland Greece Philippines Indonesia Vietnam Lebanon Yemen Libya Sudan
""")

ORGANISATIONS = (
    "Justice Department", "Department of Homeland Security", "White House", "State Department",
    "Pentagon", "Federal Reserve", "Supreme Court", "Senate Judiciary Committee",
    "House Oversight Committee", "Environmental Protection Agency", "Food and Drug Administration",
    "Centers for Disease Control and Prevention", "Federal Bureau of Investigation",
    "Internal Revenue Service", "Securities and Exchange Commission", "Census Bureau",
    "American Civil Liberties Union", "Human Rights Watch", "Amnesty International", "NAACP",
    "Center for Immigration Studies", "Century Foundation", "Brookings Institution",
    "Heritage Foundation", "Cato Institute", "Pew Research Center", "Urban Institute",
    "National Immigration Law Center", "Chamber of Commerce", "AFL-CIO", "Sierra Club",
    "World Health Organization", "United Nations", "European Union", "NATO",
    "International Monetary Fund", "World Bank", "Red Cross", "Doctors Without Borders",
    "National Rifle Association", "Planned Parenthood", "Teamsters", "Business Roundtable",
    "Republican National Committee", "Democratic National Committee", "Congressional Budget Office",
    "Government Accountability Office", "Federal Aviation Administration",
    "National Weather Service", "Bureau of Labor Statistics", "Treasury Department",
    "Department of Education", "Department of Energy", "Medicare", "Customs and Border Protection",
    "Immigration and Customs Enforcement", "Harvard University", "Stanford University",
    "University of Michigan", "Johns Hopkins University", "Massachusetts Institute of Technology",
    "Goldman Sachs", "JPMorgan Chase", "Exxon Mobil", "General Motors", "Boeing", "Walmart",
    "Amazon", "Google", "Microsoft", "Apple", "Facebook", "Pfizer", "Moderna",
)

ROLES = (
    "a spokeswoman for {org}", "a spokesman for {org}", "a spokesperson for {org}",
    "director of {org}", "policy director at {org}", "a senior fellow at {org}",
    "president of {org}", "chief executive of {org}", "an analyst at {org}",
    "a lawyer for {org}", "a senior official at {org}", "a researcher at {org}",
    "the head of {org}", "an economist at {org}", "a professor at {org}",
    "a former official at {org}", "general counsel at {org}", "an adviser to {org}",
)

TITLES = (
    "Sen.", "Rep.", "Gov.", "Mayor", "Attorney General", "Secretary", "Judge", "Dr.",
    "Police Chief", "Commissioner", "Prime Minister", "Foreign Minister", "Ambassador",
)

SPEECH_VERBS = (
    "said", "said", "said", "said", "told reporters", "said in a statement", "wrote",
    "added", "told The Associated Press", "said in an interview", "said Tuesday", "said Monday",
    "said Wednesday", "said Thursday", "said Friday", "noted", "argued", "warned",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# (name, slug, domain, publisher). Publisher names go into copyright lines.
OUTLETS: tuple[tuple[str, str, str, str], ...] = (
    ("Reuters", "reuters", "reuters.com", "Thomson Reuters"),
    ("Associated Press", "ap", "apnews.com", "The Associated Press"),
    ("The New York Times", "nyt", "nytimes.com", "The New York Times Company"),
    ("The Washington Post", "wapo", "washingtonpost.com", "WP Company LLC"),
    ("Los Angeles Times", "latimes", "latimes.com", "Los Angeles Times Communications LLC"),
    ("The Washington Times", "washtimes", "washingtontimes.com", "News World Communications"),
    ("Breitbart", "breitbart", "breitbart.com", "Breitbart News Network LLC"),
    ("BBC News", "bbc", "bbc.co.uk", "British Broadcasting Corporation"),
    ("The Guardian", "guardian", "theguardian.com", "Guardian News & Media Limited"),
    ("HuffPost", "huffpost", "huffpost.com", "BuzzFeed"),
    ("CNN", "cnn", "cnn.com", "Cable News Network"),
    ("Fox News", "foxnews", "foxnews.com", "Fox News Network LLC"),
    ("NPR", "npr", "npr.org", "National Public Radio"),
    ("USA Today", "usatoday", "usatoday.com", "Gannett Co"),
    ("The Wall Street Journal", "wsj", "wsj.com", "Dow Jones & Company"),
    ("Bloomberg", "bloomberg", "bloomberg.com", "Bloomberg L.P."),
    ("Politico", "politico", "politico.com", "Politico LLC"),
    ("The Hill", "thehill", "thehill.com", "Capitol Hill Publishing Corp"),
    ("Chicago Tribune", "chitribune", "chicagotribune.com", "Tribune Publishing Company"),
    ("The Boston Globe", "bostonglobe", "bostonglobe.com", "Boston Globe Media Partners"),
    ("San Francisco Chronicle", "sfchronicle", "sfchronicle.com", "Hearst Communications"),
    ("Houston Chronicle", "houstonchronicle", "houstonchronicle.com", "Hearst Communications"),
    ("The Dallas Morning News", "dallasnews", "dallasnews.com", "DallasNews Corporation"),
    ("Miami Herald", "miamiherald", "miamiherald.com", "McClatchy Company"),
    ("The Seattle Times", "seattletimes", "seattletimes.com", "The Seattle Times Company"),
    ("The Denver Post", "denverpost", "denverpost.com", "MediaNews Group"),
    ("The Arizona Republic", "azcentral", "azcentral.com", "Gannett Co"),
    ("Newsweek", "newsweek", "newsweek.com", "Newsweek Digital LLC"),
    ("Time", "time", "time.com", "TIME USA LLC"),
    ("The Atlantic", "atlantic", "theatlantic.com", "The Atlantic Monthly Group"),
    ("Vox", "vox", "vox.com", "Vox Media"),
    ("Axios", "axios", "axios.com", "Axios Media"),
    ("ABC News", "abcnews", "abcnews.go.com", "ABC News Internet Ventures"),
    ("CBS News", "cbsnews", "cbsnews.com", "CBS Interactive"),
    ("NBC News", "nbcnews", "nbcnews.com", "NBCUniversal Media LLC"),
    ("The Independent", "independent", "independent.co.uk", "Independent Digital News & Media"),
    ("The Telegraph", "telegraph", "telegraph.co.uk", "Telegraph Media Group"),
    ("Financial Times", "ft", "ft.com", "The Financial Times Ltd"),
    ("Al Jazeera", "aljazeera", "aljazeera.com", "Al Jazeera Media Network"),
    ("The Christian Science Monitor", "csmonitor", "csmonitor.com",
     "The Christian Science Publishing Society"),
    ("Agence France-Presse", "afp", "afp.com", "Agence France-Presse"),
    ("The Philadelphia Inquirer", "inquirer", "inquirer.com", "The Philadelphia Inquirer LLC"),
)

PHOTO_AGENCIES = (
    "Getty Images", "AP", "Reuters", "AFP/Getty Images", "Bloomberg", "Screen capture",
    "EPA", "Shutterstock", "File", "Pool",
)

COMMENT_OPENERS = (
    "Seriously?", "Unbelievable.", "Of course.", "Here we go again.", "Finally!", "Wow.",
    "Sad.", "Not surprised.", "Typical.", "Great article.", "Thank you for reporting this.",
    "Hummm…..", "LOL", "This is ridiculous.", "About time.", "Who pays for this?",
    "Follow the money.", "Vote them all out.", "I wonder", "Sounds about right.",
)

COMMENT_WORDS = _words("""
they them people country our we you this that just really nothing everything always never
liberals conservatives democrats republicans media government taxpayers law laws citizens
corrupt crazy stupid truth lies fake wrong right fair unfair disgusting shameful sad joke
insane freedom rights money vote voters election border jobs america americans congress
should would could need want think know believe care pay stop start support fix
""")
