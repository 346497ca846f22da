"""Builds ``sound_alike.jsonl``: dictionary terms as speech-to-text mangles them, and ordinary speech.

    python tests/recognizers/data/build_sound_alike_set.py

Deterministic (seeded): running it again writes the same file. Each line is one item:

    {"id", "split": "tune"|"test"|"holdout", "kind": "positive"|"negative", "pattern", "casing",
     "text", "terms": [{"term", "entity_type", "sound_alike"}], "spans": [{"start", "end",
     "term", "misheard"}]}

``terms`` is the project dictionary for that item (the named term plus distractors drawn
from the same pool); ``spans`` are every mention of a term that must be found;
``misheard`` is false for a mention written exactly (it attests the term in the document).

Positives apply general speech-to-text error patterns to real, widely known names of
software vendors and products, universities and common first and last names:

* split: a one-word name heard as two English words ("data bricks", "snow flake");
* merge: a two-word name run together ("powerbi");
* homophone: a rendering in other, real words or a same-sounding spelling (hand-written,
  "cells force", "all tricks", "Catherine" for "Katherine");
* spelling: a same-sounding spelling made by rule (ph/f, c/k, x/cks, y/i, doubled letters);
* vowel: one unstressed vowel heard as another ("alterix");
* dropped: an unstressed vowel dropped ("altryx");
* letters: an acronym said letter by letter ("s a p", "I.B.M.");
* numbers: digits said as words ("three m", "twenty three and me").

Names and sentence frames are split in three parts ("tune", "test" and "holdout": disjoint
names and disjoint frames). Thresholds and context lists were chosen looking at "tune";
"test" was then read once and the context lists widened with general verbs; "holdout"
frames were written after that and its figures are the estimate for unseen phrasing. Negatives are ordinary interview speech: sentences that
use the words a rendering is made of ("we had to alter the ex-factory price", "the snow
and the flake"), cue words followed by ordinary nouns ("we use spreadsheets"), and small
talk; none contains a dictionary term, alias or head word as a word.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from num2words import num2words
from wordfreq import zipf_frequency

SEED = 20261201
OUT = Path(__file__).with_name("sound_alike.jsonl")

ORG, PRODUCT, UNIVERSITY, PERSON = "ORGANIZATION", "PRODUCT", "UNIVERSITY", "PERSON"
SPLITS = ("tune", "test", "holdout")

# (name, entity type, hand-written homophones: renderings in other real words or spellings
# that sound the same, as speech-to-text writes a name it does not know)
NAMES: list[tuple[str, str, tuple[str, ...]]] = [
    # -- software vendors and products ---------------------------------------------------
    ("Alteryx", ORG, ("all tricks", "alter ex", "alterics")),
    ("Snowflake", ORG, ("snow flake",)),
    ("Databricks", ORG, ("data bricks", "data brix")),
    ("Salesforce", ORG, ("cells force", "sales force")),
    ("Tableau", PRODUCT, ("tab low", "tablo", "tabloh")),
    ("Qualtrics", PRODUCT, ("qual tricks", "quell tricks", "qualtrix")),
    ("Workday", ORG, ("work day",)),
    ("Dropbox", ORG, ("drop box",)),
    ("Mailchimp", PRODUCT, ("mail chimp",)),
    ("HubSpot", ORG, ("hub spot",)),
    ("Zendesk", ORG, ("zen desk", "send desk")),
    ("Atlassian", ORG, ("at lassian", "atlatian", "at lasian")),
    ("Confluence", PRODUCT, ("con fluence",)),
    ("Asana", PRODUCT, ("a sauna", "assana")),
    ("Trello", PRODUCT, ("trelo", "trellow")),
    ("Figma", PRODUCT, ("fig ma", "figmah")),
    ("Airtable", PRODUCT, ("air table",)),
    ("Zapier", ORG, ("zappier", "zap ear", "zappy er")),
    ("Twilio", ORG, ("twillio", "twilly oh")),
    ("Shopify", ORG, ("shop ify", "shopper fie")),
    ("Okta", ORG, ("octa", "ockta")),
    ("Splunk", ORG, ("splonk", "split plunk")),
    ("Datadog", ORG, ("data dog",)),
    ("Cloudera", ORG, ("cloud era", "cloudeira")),
    ("Informatica", ORG, ("inform attica", "informatika", "in formatica")),
    ("Talend", ORG, ("tal end", "tallend", "talent")),
    ("Fivetran", ORG, ("five tran", "five train")),
    ("Looker", PRODUCT, ("luker", "look her")),
    ("Sisense", ORG, ("sigh sense", "si sense", "cisense")),
    ("MicroStrategy", ORG, ("micro strategy",)),
    ("Palantir", ORG, ("pallantir", "palan tear", "palanteer")),
    ("Accenture", ORG, ("axenture", "ack center", "accentur")),
    ("Deloitte", ORG, ("deloit", "de loyt", "deloyte")),
    ("McKinsey", ORG, ("mckinsy", "mc kinsey", "mackenzie")),
    ("Capgemini", ORG, ("cap gemini", "cap jeminy", "capp gemini")),
    ("Cognizant", ORG, ("cognisant", "cog nizant")),
    ("Infosys", ORG, ("info sis", "infosis", "in fosis")),
    ("Wipro", ORG, ("wee pro", "whip pro", "wyprow")),
    ("Nutanix", ORG, ("new tanks", "nutanics", "new tanix")),
    ("VMware", ORG, ("v m ware", "vm where", "vee em ware")),
    ("ServiceNow", ORG, ("service now",)),
    ("Autodesk", ORG, ("auto desk",)),
    ("QuickBooks", PRODUCT, ("quick books",)),
    ("NetSuite", PRODUCT, ("net suite", "net sweet")),
    ("Marketo", PRODUCT, ("market oh", "marketto", "markeeto")),
    ("Hootsuite", ORG, ("hoot suite", "hoot sweet")),
    ("Sprinklr", ORG, ("sprinkler",)),
    ("Medallia", ORG, ("medalia", "medal ya", "madallia")),
    ("SurveyMonkey", PRODUCT, ("survey monkey",)),
    ("Typeform", PRODUCT, ("type form",)),
    ("Calendly", PRODUCT, ("calendli", "calend lee", "calenderly")),
    ("DocuSign", ORG, ("docu sign", "doc you sign", "docusine")),
    ("Egnyte", ORG, ("egg night", "ignite", "egnite")),
    ("Smartsheet", PRODUCT, ("smart sheet",)),
    ("ClickUp", PRODUCT, ("click up",)),
    ("Basecamp", PRODUCT, ("base camp",)),
    ("GitLab", ORG, ("git lab", "get lab")),
    ("GitHub", ORG, ("git hub", "get hub")),
    ("Bitbucket", PRODUCT, ("bit bucket",)),
    ("Terraform", PRODUCT, ("terra form", "tera form")),
    ("Ansible", PRODUCT, ("ansable", "ansibel")),
    ("Kubernetes", PRODUCT, ("cooper netties", "kuber netes", "kubernetties")),
    ("MongoDB", ORG, ("mongo db", "mongo d b")),
    ("Couchbase", ORG, ("couch base",)),
    ("Teradata", ORG, ("tera data", "terra data")),
    ("Cloudflare", ORG, ("cloud flare",)),
    ("Akamai", ORG, ("aka my", "ackamai", "a camay")),
    ("Zscaler", ORG, ("z scaler", "zee scaler", "zed scaler")),
    ("CrowdStrike", ORG, ("crowd strike",)),
    ("Fortinet", ORG, ("forty net", "fortinette", "for tin net")),
    ("MuleSoft", ORG, ("mule soft",)),
    ("Anaplan", ORG, ("ana plan", "anna plan")),
    ("Coupa", ORG, ("cooper", "koopa", "coopa")),
    ("Greenhouse", PRODUCT, ("green house",)),
    ("BambooHR", PRODUCT, ("bamboo h r", "bamboo hr")),
    ("Rippling", ORG, ("ripling", "rip ling")),
    ("Personio", ORG, ("personeo", "person io", "persony oh")),
    ("Workato", ORG, ("work auto", "workado", "work ato")),
    ("UiPath", ORG, ("ui path", "you eye path", "u i path")),
    ("Appian", ORG, ("app ian", "appeon", "a pian")),
    ("OutSystems", ORG, ("out systems",)),
    ("Mendix", ORG, ("mendics", "men dix", "mendicks")),
    ("Power BI", PRODUCT, ("power b i", "power bee eye", "powerbi")),
    ("SharePoint", PRODUCT, ("share point",)),
    ("BigQuery", PRODUCT, ("big query", "big querry")),
    ("Redshift", PRODUCT, ("red shift",)),
    ("SageMaker", PRODUCT, ("sage maker",)),
    ("Hugging Face", ORG, ("hugging phase", "huggingface")),
    ("Nvidia", ORG, ("envidia", "in video", "n vidia")),
    ("Qualcomm", ORG, ("qual comm", "qualcom", "kwal comm")),
    ("Lenovo", ORG, ("lenovoh", "le novo", "lenova")),
    ("Ericsson", ORG, ("erickson", "eric son")),
    ("Honeywell", ORG, ("honey well",)),
    ("Kronos", PRODUCT, ("chronos", "cronos", "crow nos")),
    ("Cerner", ORG, ("sirner", "cernor", "sir ner")),
    ("Meditech", ORG, ("medi tech", "meddy tech", "medic tech")),
    ("Veeva", ORG, ("viva", "veva", "vee va")),
    ("Medidata", ORG, ("medi data", "meddy data")),
    ("IQVIA", ORG, ("i q via", "eye q via", "ick via")),
    ("Ipsos", ORG, ("ip sos", "ipsose", "ipsus")),
    ("Kantar", ORG, ("cantor", "can tar", "kanter")),
    ("Gartner", ORG, ("gardner", "garter", "gart ner")),
    ("Experian", ORG, ("experion", "ex perian", "experience")),
    ("Equifax", ORG, ("equi fax", "eckwi fax", "equal fax")),
    ("Refinitiv", ORG, ("refinitive", "re finitive", "refinative")),
    ("FactSet", ORG, ("fact set",)),
    ("Morningstar", ORG, ("morning star",)),
    ("Clarivate", ORG, ("clarivat", "clary vate", "clarivet")),
    ("Elsevier", ORG, ("elsa via", "elsevir", "else vier")),
    ("Miro", PRODUCT, ("meero", "mirro", "me row")),
    ("Notion", PRODUCT, ()),
    ("Stripe", ORG, ()),
    ("Jira", PRODUCT, ("gira", "jeera", "jirah")),
    ("Kafka", PRODUCT, ("cafka", "kafca", "calf ka")),
    ("Postgres", PRODUCT, ("post gress", "post grass", "postgress")),
    ("Neo4j", PRODUCT, ("neo four j", "neo for j")),
    ("Qlik", PRODUCT, ("click",)),
    ("Domo", ORG, ("doe mo", "domoh")),
    ("Stata", PRODUCT, ("state a", "stayta", "stada")),
    ("SPSS", PRODUCT, ()),
    ("MATLAB", PRODUCT, ("mat lab",)),
    ("NVivo", PRODUCT, ("n vivo", "en vivo", "envivo")),
    ("Dedoose", PRODUCT, ("dee dose", "de deuce", "dedooce")),
    ("Otter", PRODUCT, ()),
    ("Rev", ORG, ()),
    # acronyms said letter by letter
    ("SAP", ORG, ()),
    ("IBM", ORG, ()),
    ("AWS", PRODUCT, ()),
    ("KPMG", ORG, ()),
    ("PwC", ORG, ()),
    ("EY", ORG, ()),
    ("HP", ORG, ()),
    ("BCG", ORG, ()),
    ("TCS", ORG, ()),
    ("ADP", ORG, ()),
    ("SAS", ORG, ()),
    ("GCP", PRODUCT, ()),
    # digits said as words
    ("3M", ORG, ()),
    ("7-Eleven", ORG, ()),
    ("23andMe", ORG, ()),
    ("8x8", ORG, ("eight by eight",)),
    ("1Password", PRODUCT, ()),
    ("99designs", ORG, ()),
    ("Microsoft 365", PRODUCT, ("microsoft three sixty five",)),
    ("Dynamics 365", PRODUCT, ("dynamics three sixty five",)),
    ("37signals", ORG, ()),
    # -- universities --------------------------------------------------------------------
    ("Stanford", UNIVERSITY, ("stan ford", "standford")),
    ("Harvard", UNIVERSITY, ("harverd", "har vard")),
    ("Princeton", UNIVERSITY, ("prince ton", "prinston")),
    ("Cornell", UNIVERSITY, ("cornel", "corn ell")),
    ("Northwestern", UNIVERSITY, ("north western",)),
    ("Purdue", UNIVERSITY, ("perdue", "per due", "pur due")),
    ("Rutgers", UNIVERSITY, ("rodgers", "rut gers", "rutgars")),
    ("Vanderbilt", UNIVERSITY, ("vander built", "vanderbuilt", "van der bilt")),
    ("Georgetown", UNIVERSITY, ("george town",)),
    ("Johns Hopkins", UNIVERSITY, ("john hopkins", "johns hopkin")),
    ("Carnegie Mellon", UNIVERSITY, ("carnegie melon", "carnegy mellon", "car negie mellon")),
    ("Caltech", UNIVERSITY, ("cal tech", "kal tech")),
    ("Dartmouth", UNIVERSITY, ("dart mouth",)),
    ("Brandeis", UNIVERSITY, ("bran dice", "brandice", "brand ice")),
    ("Tufts", UNIVERSITY, ("tuffs", "tough")),
    ("UCLA", UNIVERSITY, ()),
    ("MIT", UNIVERSITY, ()),
    ("NYU", UNIVERSITY, ()),
    ("UCL", UNIVERSITY, ()),
    ("LSE", UNIVERSITY, ()),
    ("KU Leuven", UNIVERSITY, ("k u leuven", "ku loven", "k u lurven")),
    ("Oxford", UNIVERSITY, ("ox ford",)),
    ("Cambridge", UNIVERSITY, ("cam bridge", "came bridge")),
    ("Edinburgh", UNIVERSITY, ("edin burgh", "edinborough", "eden borough")),
    ("Warwick", UNIVERSITY, ("war wick", "warrick")),
    ("Sorbonne", UNIVERSITY, ("sore bone", "sorbon", "sor bonne")),
    ("ETH Zurich", UNIVERSITY, ("e t h zurich", "eth zurik")),
    ("McGill", UNIVERSITY, ("mc gill", "magill", "mcgil")),
    ("Waterloo", UNIVERSITY, ("water loo", "waterlu")),
    ("Monash", UNIVERSITY, ("moe nash", "monarsh", "mon ash")),
    ("Tsinghua", UNIVERSITY, ("ching hua", "tsing wa", "tsinghwa")),
    ("Nanyang", UNIVERSITY, ("nan yang", "nanyan")),
    ("Heidelberg", UNIVERSITY, ("heidel berg", "hide elberg", "heidelburg")),
    ("Uppsala", UNIVERSITY, ("up sala", "upsala", "oop sala")),
    ("Karolinska", UNIVERSITY, ("caroline ska", "carolinska", "karolin ska")),
    ("Aarhus", UNIVERSITY, ("or whose", "aarhoos", "oar hus")),
    ("Delft", UNIVERSITY, ("delf", "delfed")),
    ("Sciences Po", UNIVERSITY, ("science po", "sciences poe", "see ounce po")),
    ("Bocconi", UNIVERSITY, ("bo coni", "bocony", "bokoni")),
    ("Technion", UNIVERSITY, ("tech neon", "technion", "teknion")),
    ("Duke", UNIVERSITY, ()),
    ("Yale", UNIVERSITY, ("yail",)),
    ("Columbia", UNIVERSITY, ("colombia",)),
    ("Berkeley", UNIVERSITY, ("berkley", "burkley", "bark lee")),
    # -- people ----------------------------------------------------------------------------
    ("Katherine Nguyen", PERSON, ("catherine nguyen", "kathryn win", "katherine new yen")),
    ("Stephen O'Connor", PERSON, ("steven o connor", "steven oconnor", "stephen o'conner")),
    ("Siobhan Kelly", PERSON, ("shivawn kelly", "shevon kelly", "siobhan kelley")),
    ("Priya Raghavan", PERSON, ("pria raghavan", "priya ragavan", "preeya rag havan")),
    ("Mohammed Al-Sayed", PERSON, ("mohamed al sayed", "muhammad al said", "mohammed alsayed")),
    ("Aidan Schmidt", PERSON, ("aiden schmitt", "aidan smit", "aden schmidt")),
    ("Geoffrey Thompson", PERSON, ("jeffrey thomson", "jeffery thompson", "geoffrey tomson")),
    ("Sean McAllister", PERSON, ("shawn mcalister", "shaun mac allister", "sean mack alister")),
    ("Nicole Fischer", PERSON, ("nichole fisher", "nicole fisher", "nicol fischer")),
    ("Claire Dubois", PERSON, ("clare du bois", "claire dubwa", "clair dubois")),
    ("Jonathan Reid", PERSON, ("johnathan reed", "jonathon read", "jonathan reed")),
    ("Phillip Grey", PERSON, ("philip gray", "phil lip grey", "filip gray")),
    ("Zoe Kowalski", PERSON, ("zoey kowalsky", "zoe covalski", "zoe ko walski")),
    ("Sarah Lindqvist", PERSON, ("sara lindquist", "sarah lind qvist", "sara lindkvist")),
    ("Aisha Okonkwo", PERSON, ("ayesha okonkwo", "aisha o conquo", "aysha okonkwoh")),
    ("Marc Dupont", PERSON, ("mark du pont", "mark dupont", "marc do pont")),
    ("Erik Johansson", PERSON, ("eric johansen", "erik yohansson", "eric johanson")),
    ("Rachel Goldberg", PERSON, ("rachael goldburg", "rachel gold berg", "rachelle goldberg")),
    ("Daniel Hernandez", PERSON, ("danielle hernandes", "daniel her nandez", "danial hernandez")),
    ("Brian O'Sullivan", PERSON, ("bryan o sullivan", "brian osullivan", "brien o'sullivan")),
    ("Megan Fitzgerald", PERSON, ("meghan fitzgerald", "megan fits gerald", "meagan fitzgerald")),
    ("Kevin Nakamura", PERSON, ("kevin naka mura", "kevin nakamoora", "kevan nakamura")),
    ("Laura Bianchi", PERSON, ("lora bianchi", "laura bee anky", "laura bianki")),
    ("Thomas Müller", PERSON, ("tomas mueller", "thomas muller", "thomas miller")),
    ("Ana Sousa", PERSON, ("anna sousa", "ana souza", "anna sooza")),
    ("Chloe Martin", PERSON, ("chloé martin", "kloe martin", "chloe martine")),
    ("Matthew Kowalczyk", PERSON, ("mathew kowalczyk", "matthew covalchick", "matthew kowal chick")),
    ("Yusuf Demir", PERSON, ("yousef demir", "yusuf dimir", "youssef demeer")),
    ("Ingrid Halvorsen", PERSON, ("ingrid halverson", "ingred halvorsen", "ingrid hal vorsen")),
    ("Rebecca Schwartz", PERSON, ("rebekah schwarz", "rebecca shwartz", "rebecca schwarts")),
    ("Oluwaseun Adeyemi", PERSON, ("olu wa seun adeyemi", "oluwaseun adeyemmy", "olu ashen adeyemi")),
    ("Niamh Gallagher", PERSON, ("neve gallagher", "neeve galagher", "niamh gallager")),
    ("Joaquin Herrera", PERSON, ("wakeen herrera", "joaquin herera", "joaquin her rera")),
    ("Xiaoming Zhang", PERSON, ("shao ming zhang", "xiao ming jang", "xiaoming chang")),
    ("Padraig Murphy", PERSON, ("poric murphy", "padric murphy", "pawdrig murphy")),
    ("Hannah Kaufmann", PERSON, ("hanna kaufman", "hannah cow fman", "hana kaufmann")),
    ("Lucas Petrov", PERSON, ("lukas petroff", "lucas pet rov", "luke as petrov")),
    ("Isabelle Laurent", PERSON, ("isabel lorent", "isabelle lauren", "isobel laurent")),
    ("Andrew Mackenzie", PERSON, ("andrew mckenzie", "andrew mac kenzie", "andru mackenzie")),
    ("Fatima Rahman", PERSON, ("fatimah rahman", "fatima raman", "fateema rahman")),
    ("Gareth Llewellyn", PERSON, ("gareth lewellyn", "garreth llewelyn", "gareth lou ellen")),
    ("Wojciech Nowak", PERSON, ("voytek nowak", "wojciech novak", "voy check nowak")),
    ("Ciara Brennan", PERSON, ("kiera brennan", "keira brenan", "ciara brenan")),
    ("Dmitri Volkov", PERSON, ("dimitri volkov", "dmitry volcov", "demetri volkoff")),
    ("Ngozi Eze", PERSON, ("n gozi eze", "ngozi ezeh", "gozi eze")),
    ("Siddharth Iyer", PERSON, ("siddarth iyer", "sid hart iyer", "siddharth ire")),
    ("Mei Lin Wong", PERSON, ("may lin wong", "mei lynn wong", "meilin wong")),
    ("Krzysztof Wójcik", PERSON, ("kshishtof wojcik", "christoph voitchick", "krzysztof voj chick")),
    ("Jessica Thornton", PERSON, ("jessika thornton", "jessica thorn ton", "jesica thornton")),
    ("Aoife Byrne", PERSON, ("eefa byrne", "eva burn", "ifa byrne")),
    ("Tobias Lindgren", PERSON, ("tobyas lindgren", "tobias lind gren", "tobias lindgrin")),
    ("Camille Rousseau", PERSON, ("camil rousseau", "camille russo", "kamille rousso")),
    ("Rajesh Kulkarni", PERSON, ("rajesh kul karni", "rajeesh kulkarni", "rajesh culkarny")),
    ("Eleanor Whitfield", PERSON, ("elinor whitfield", "eleanor whit field", "elenor whitfeld")),
    ("Benedikt Hoffmann", PERSON, ("benedict hoffman", "benedikt hoff man", "benedick hoffmann")),
    ("Grainne O'Donnell", PERSON, ("grawnya o donnell", "grania odonnell", "grainne o donell")),
    ("Kwame Mensah", PERSON, ("kwame mensa", "kwamee mensah", "quami mensah")),
    ("Lars Eriksen", PERSON, ("lars erickson", "lars erik sen", "larse eriksen")),
    ("Valentina Rossi", PERSON, ("valentina rosie", "valentine a rossi", "valentina rossy")),
]

# Sentence frames per entity type: {r} is where the name goes. The halves are disjoint.
FRAMES: dict[str, dict[str, list[str]]] = {
    ORG: {
        "tune": [
            "our vendor was, uh, {r}, and they were fine for a while",
            "we use {r} for most of the data prep",
            "so we switched to {r} about two years ago",
            "we had a licence for {r} but honestly nobody used it",
            "the contract with {r} came up for renewal in march",
            "I work at {r} on the platform team",
            "before that I was at {r} for six years",
            "{r}'s support was really slow to respond",
            "honestly {r} kept crashing on the big files",
            "there was a {r} consultant on site for a month",
            "we were evaluating {r} against a couple of others",
            "yeah so {r}, that's the one we ended up with",
        ],
        "test": [
            "we moved everything over to {r} last year",
            "I used to work for {r} in their london office",
            "the {r} rollout took way longer than planned",
            "they bought {r} without really asking us",
            "we pay {r} something like fifty thousand a year",
            "a friend of mine at {r} recommended it",
            "and then {r} changed their pricing again",
            "we were acquired by {r} in twenty nineteen",
            "I joined {r} straight out of university",
            "we compared it with {r} and went the other way",
            "um, {r} I think, they do the hosting",
            "the data sits in {r} and we pull it weekly",
        ],
        "holdout": [
            "we signed a three year deal with {r} in the end",
            "{r} sent us a quote that was way too high",
            "our account manager at {r} left and things fell apart",
            "we've been a {r} shop for as long as I can remember",
            "I heard {r} is getting bought",
            "the integration between our crm and {r} broke constantly",
            "so we ended up going with {r} for the hosting",
            "right, so {r} handles all of the payroll",
        ],
    },
    PRODUCT: {
        "tune": [
            "we use {r} for most of the reporting",
            "most of our dashboards live in {r} now",
            "I got certified in {r} last spring",
            "we pulled the survey data out of {r}",
            "so we switched to {r} about two years ago",
            "the {r} licence alone was a big chunk of the budget",
            "honestly {r} is fine once you get used to it",
            "we built the whole pipeline on {r}",
            "I had never touched {r} before this job",
        ],
        "test": [
            "we're using {r} for the ticket tracking",
            "everything goes through {r} before it ships",
            "we had a {r} instance that nobody maintained",
            "they wanted us to move off {r} by the summer",
            "we set up {r} for the coding of the interviews",
            "I kind of hate {r}, to be honest",
            "we tried {r} for a few months and dropped it",
            "the exports from {r} were a mess",
            "uh, {r} mostly, and some spreadsheets",
        ],
        "holdout": [
            "I basically live in {r} all day",
            "we export everything to {r} at the end of each month",
            "the team swears by {r}",
            "nobody on the team knew how to use {r} properly",
            "we ran the analysis in {r} because that's what we had",
            "the {r} dashboards were what management looked at",
            "I'd rather not go back to {r}",
        ],
    },
    UNIVERSITY: {
        "tune": [
            "I did my masters at {r}",
            "she's a professor at {r}",
            "we partnered with {r} on the pilot study",
            "a couple of researchers from {r} helped us",
            "{r} has a really strong stats department",
            "I was a postdoc at {r} for two years",
        ],
        "test": [
            "I studied computer science at {r}",
            "I graduated from {r} in twenty fifteen",
            "we hired two interns from {r}",
            "my phd was at {r}, in the economics department",
            "the ethics board at {r} approved the protocol",
            "a student from {r} did the transcription",
        ],
        "holdout": [
            "I finished my undergrad at {r}",
            "she's doing a phd over at {r}",
            "the study was run jointly with {r}",
            "I taught a course at {r} for a couple of years",
            "they recruit a lot of people out of {r}",
            "we got the grant together with {r}",
        ],
    },
    PERSON: {
        "tune": [
            "my manager {r} signed off on it",
            "I spoke with {r} about the budget",
            "{r} told me the numbers were off",
            "so {r} from finance sent the file",
            "it was {r}'s idea originally",
            "we had a call with {r} on friday",
        ],
        "test": [
            "I report to {r} now",
            "{r} and I rebuilt the model together",
            "you should talk to {r}, she ran the pilot",
            "my colleague {r} wrote most of the code",
            "I think {r} left the company last year",
            "ask {r}, he knows the history",
        ],
        "holdout": [
            "{r} was the one who set up the pipeline",
            "I emailed {r} the draft on tuesday",
            "our lead, {r}, wanted it done by june",
            "{r} is basically the only one who understands it",
            "me and {r} went through the numbers",
            "honestly {r} saved the project",
        ],
    },
}

# A sentence that writes the term exactly, put before a rendering in some items: the
# document then attests the name.
ATTEST_FRAMES = {
    ORG: "We signed with {t} in the spring.",
    PRODUCT: "We bought {t} licences for the team.",
    UNIVERSITY: "I was at {t} before this.",
    PERSON: "{t} joined the project in May.",
}

# Negatives written to use the words that renderings of dictionary names are made of.
RENDERING_WORD_NEGATIVES = [
    "we had to alter the ex-factory price twice",
    "the snow and the flake pattern on the slides looked nice",
    "all the tricks we tried made no difference",
    "we grew the sales force by ten people",
    "I met with the sales force on monday",
    "the sales data from bricks and mortar stores came in late",
    "on a normal work day I start around nine",
    "you drop the box off at reception",
    "the mail came late again",
    "the hub of the whole thing was the finance office",
    "we sat at a table in the corner",
    "just click the button and wait",
    "there's some slack in the schedule",
    "I had a notion that it would fail",
    "the air in that office was terrible",
    "it was a smart move, to be fair",
    "we put a sheet over the printer",
    "the cloud cover made the drive slow",
    "the crowd at the conference was huge",
    "we went on strike in the spring",
    "can you share the point you made earlier",
    "the net result was about the same",
    "we got a suite at the hotel",
    "the power went out twice that week",
    "the quick fix lasted a month",
    "I read a lot of books on the topic",
    "the base rate was really low",
    "the camp was near the lake",
    "we used a green house for the plants",
    "the morning was spent on training",
    "the star of the show was the new model",
    "the fact that it worked surprised everyone",
    "we set up the room for the workshop",
    "the red line on the chart is the target",
    "there was a shift in priorities",
    "the big query we ran took hours",
    "a data dog sat in the lobby every day",
    "it was the era of cloud everything",
    "I wanted to inform attendees early",
    "the tall one at the end of the row",
    "we had five trains cancelled that week",
    "I felt like a micro manager on that project",
    "the strategy was to wait and see",
    "the service now takes two days",
    "it was a quiet day at the office",
    "auto save lost half of my notes",
    "we had a desk by the window",
    "I ordered a new desk for home",
    "the mule pulled the cart up the hill",
    "we planned it on a paper plan",
    "they built a green house in the garden",
    "he hit the ball over the fence",
    "the bamboo in the garden grows fast",
    "she was rippling with energy that day",
    "a person in the queue asked for help",
    "we work out of a shared space",
    "the path to production was long",
    "the app was slow on older phones",
    "we went out for lunch after the session",
    "the men were fixing the roof",
    "she gave a hug to everyone at the party",
    "honey, well, that was a long time ago",
    "it was an honest mistake",
    "the tough part was the cleanup",
    "we crossed the water by ferry",
    "the bridge was closed for repairs",
    "I ate a melon for breakfast",
    "the prince was on the news",
    "the corn harvest was late",
    "we went to a town near the coast",
    "the mouth of the river is wide",
    "we sold the bran and the oats",
    "the ice on the road was bad",
    "he's a tough one to convince",
    "we had a long war of words over it",
    "my wick of patience was short",
    "the bone of contention was the budget",
    "he looked up at the sign",
    "I got a new pair of glasses",
    "we used the tab on the left",
    "it was a low point for the team",
    "I saw a monkey at the zoo",
    "the form had too many fields",
    "the type of data was different",
    "my calendar is full this week",
    "the sauna at the gym is broken",
    "the fig tree needs water",
    "the bricks were delivered on tuesday",
    "the flakes of paint came off the wall",
]

# Cue words followed by ordinary nouns of the kind the cue expects: the hard negatives for
# context guards. (frames, nouns) by kind.
CUE_NEGATIVES = [
    (["we use {n} for most of it", "so we switched to {n} last year", "we moved everything over to {n}",
      "we had a licence for {n} at some point", "we built it on {n} in the end", "we were evaluating {n} for a bit",
      "we tried {n} but it was slow", "the data comes from {n} every week"],
     ["spreadsheets", "email", "paper forms", "the old system", "our own tool", "open source stuff", "sticky notes",
      "a whiteboard", "shared drives", "cloud storage", "a data warehouse", "batch jobs", "cron jobs", "manual checks",
      "survey software", "a dashboard tool", "scripts", "python", "the intranet", "folders", "templates", "a chatbot",
      "the helpdesk", "a shared inbox", "a ticketing system", "an old database", "a wiki", "a shared calendar",
      "a bunch of macros", "a homegrown app", "word documents", "slides", "a form builder", "text files",
      "the survey team", "a spreadsheet template", "a reporting tool", "a mailing list", "a project tracker"]),
    (["I work at {n} now", "we had a contract with {n} for the cleaning", "our vendor was {n}, more or less",
      "a friend of mine at {n} helped", "I used to work for {n}", "we partnered with {n} on it",
      "we got the data from {n}", "I was at {n} for three years"],
     ["a local firm", "a small startup", "the city council", "a big bank", "a hospital", "the government",
      "a charity", "a think tank", "a law firm", "an insurer", "a retailer", "a supermarket", "a bakery",
      "a research institute", "a clinic", "a pharmacy", "a school district", "a union", "a nonprofit",
      "a ministry", "a regulator", "a broker", "a lab", "a studio", "a consultancy", "a publisher",
      "a newspaper", "a museum", "a library", "an airline", "a railway", "a utility", "a telecom",
      "a courier", "a hotel chain", "an agency", "a marketing agency", "a staffing company", "a call centre",
      "a software house", "a logistics company", "a family business"]),
    (["I studied at {n} for a while", "I did my degree at {n}", "a professor from {n} helped us"],
     ["my old school", "a community college", "a state school", "a small college", "a local university",
      "night school", "a technical college", "an art school", "a business school", "a medical school"]),
    (["I spoke with {n} about it", "my manager {n} was on leave", "we had a call with {n} on monday",
      "I report to {n} now"],
     ["my supervisor", "the head of research", "a professor there", "a friend from college", "two interns",
      "the finance team", "the marketing people", "some freelancers", "everyone", "nobody", "them",
      "whoever was free", "the new hire", "my old boss", "the director", "the whole team", "a couple of analysts",
      "the engineers", "the client", "the board"]),
]
# Ordinary interview speech.
SMALL_TALK = [
    "we had a lot of trouble with the data quality",
    "I think the model was overfitting the whole time",
    "the team was small, maybe five people",
    "honestly it took forever to get access",
    "we did most of the labelling by hand",
    "the biggest issue was missing values",
    "nobody really owned the pipeline",
    "it worked fine in testing and broke in production",
    "I spent half my time cleaning data",
    "we had weekly meetings to go over the results",
    "the stakeholders wanted a dashboard by friday",
    "it was mostly a communication problem",
    "the documentation was out of date",
    "we tried to automate the reports",
    "I wasn't sure who to ask about it",
    "the numbers looked off so we checked again",
    "we ran the survey twice a year",
    "there was no budget for new tools",
    "the project got cancelled in the end",
    "we had to explain it to the board",
    "the deadline moved three times",
    "it was a steep learning curve for me",
    "we kept a log of every change",
    "the interviews were about an hour each",
    "we transcribed them and coded the themes",
    "the pilot went better than expected",
    "people were worried about privacy",
    "we anonymised everything before sharing",
    "the servers were in the basement",
    "the tests took about twenty minutes to run",
    "we had three analysts and one engineer",
    "the training data was really unbalanced",
    "my role was mostly project management",
    "we presented the findings at the all hands",
    "the client wanted everything yesterday",
    "we used to do it all by hand",
    "the model drifted after a few months",
    "I don't remember the exact numbers",
    "the legal review took a while",
    "it was a good learning experience overall",
    "we had a backlog of about two hundred tickets",
    "the new hire picked it up quickly",
    "we set up alerts for the failures",
    "the quarterly review was painful",
    "we could never reproduce the bug",
    "everything was stored in folders by date",
    "the office moved during the project",
    "we lost a week to the migration",
    "the accuracy went up a bit",
    "we asked the participants for consent",
    "the questions changed after the first round",
    "I had to learn sql on the job",
    "we wrote a lot of glue code",
    "the review process was slow",
    "there were too many meetings",
    "the requirements were vague",
    "I would do it differently next time",
    "we got feedback from the users",
    "the whole thing was a bit chaotic",
    "we had a retro after each sprint",
    "uh, yeah, that's about it really",
    "mm-hmm, right, okay",
    "so, um, where was I",
    "I mean, it's complicated",
    "we all worked from home that year",
    "the weather was awful that week",
    "my kids were home from school",
    "we took a break in august",
    "the train was late every morning",
    "I was on holiday for two weeks",
]

# Speech-to-text spelling rules that keep the sound (general English orthography).
SPELLINGS = [
    ("ph", "f"), ("ck", "k"), ("cs", "x"), ("x", "ks"), ("qu", "kw"), ("ee", "ea"), ("ea", "ee"),
    ("oo", "u"), ("ou", "ow"), ("ie", "y"), ("y", "i"), ("i", "y"), ("ll", "l"), ("tt", "t"),
    ("ss", "s"), ("nn", "n"), ("c", "k"), ("k", "c"), ("s", "z"), ("z", "s"), ("ei", "ie"),
]
# Consonant pairs English allows inside a word, for dropping a vowel between them.
CLUSTERS = {"tr", "pl", "br", "cl", "nt", "st", "nd", "pr", "cr", "gr", "dr", "fr", "bl", "fl", "gl", "sl",
            "sp", "sk", "sm", "sn", "mp", "lt", "ld", "lk", "rk", "rt", "rd", "rn", "rm", "rs", "ns", "nk", "ft",
            "ct", "pt", "lm", "rb", "rg", "rl", "rv"}
VOWELS = "aeiou"
SWAPS = {"a": "e", "e": "i", "i": "e", "o": "a", "u": "o"}


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _split(name: str) -> list[str]:
    """A one-word name heard as two English words, where both parts are words (Zipf >= 3)."""
    word = name.lower()
    if " " in name or not word.isalpha() or len(word) < 6:
        return []
    best = None
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        score = min(zipf_frequency(left, "en"), zipf_frequency(right, "en"))
        if score >= 3.0 and (best is None or score > best[0]):
            best = (score, f"{left} {right}")
    return [best[1]] if best else []


def _merge(name: str, entity_type: str) -> list[str]:
    parts = name.split()
    if entity_type != PERSON and len(parts) == 2 and all(p.isalpha() for p in parts) and len(name) <= 14:
        return ["".join(parts).lower()]
    return []


def _spelling(name: str, rng: random.Random) -> list[str]:
    word = name.lower()
    if not word.replace(" ", "").isalpha() or len(word) < 5:
        return []
    options = [(a, b, m.start()) for a, b in SPELLINGS for m in re.finditer(a, word)
               if 0 < m.start() and _same_sound(word, a, b, m.start())]
    if not options:
        return []
    a, b, at = rng.choice(sorted(options))
    out = word[:at] + b + word[at + len(a):]
    return [out] if out != word else []


def _same_sound(word: str, old: str, new: str, at: int) -> bool:
    """Whether the substitution keeps the sound: no "c" turned "k" before e/i/y or beside
    another c/k, no "k" turned "c" before e/i/y, no letter changed inside a double letter."""
    after = word[at + len(old):at + len(old) + 1]
    before = word[at - 1:at]
    if len(old) == 1 and (after == old or before == old):
        return False
    if old == "c" and (after in ("e", "i", "y", "h", "k", "c") or before in ("c", "k", "s")):
        return False
    if old == "k" and (after in ("e", "i", "y") or before == "c"):
        return False
    return True


def _vowel(name: str, rng: random.Random) -> list[str]:
    word = name.lower()
    if not word.replace(" ", "").isalpha() or len(word) < 6:
        return []
    positions = [i for i in range(2, len(word) - 1) if word[i] in VOWELS and word[i - 1] not in VOWELS + " "
                 and word[i + 1] not in VOWELS + " "]
    if not positions:
        return []
    i = rng.choice(positions)
    return [word[:i] + SWAPS[word[i]] + word[i + 1:]]


def _dropped(name: str, rng: random.Random) -> list[str]:
    word = name.lower()
    if not word.replace(" ", "").isalpha() or len(word) < 7:
        return []
    positions = [i for i in range(2, len(word) - 2) if word[i] in VOWELS and word[i - 1] + word[i + 1] in CLUSTERS]
    if not positions:
        return []
    i = rng.choice(positions)
    return [word[:i] + word[i + 1:]]


def _letters(name: str, rng: random.Random) -> list[str]:
    compact = name.replace(" ", "")
    uppers = sum(c.isupper() for c in compact)
    if not (2 <= len(compact) <= 5 and compact.isalpha() and uppers >= 2 and uppers >= len(compact) - 1):
        return []
    chars = list(compact.lower())
    style = rng.choice(["spaced", "spaced", "dotted", "upper"])
    if style == "dotted":
        return [".".join(c.upper() for c in chars) + "."]
    if style == "upper":
        return [" ".join(c.upper() for c in chars)]
    return [" ".join(chars)]


def _numbers(name: str) -> list[str]:
    if not re.search(r"\d", name):
        return []
    parts = re.findall(r"\d+|[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name)
    out = []
    for part in parts:
        if part.isdigit():
            value = int(part)
            spoken = num2words(value, to="year") if 100 <= value <= 9999 else num2words(value)
            out.append(spoken.replace("-", " ").replace(" and ", " "))
        else:
            out.append(part.lower())
    return [" ".join(out)]


def renderings(name: str, entity_type: str, homophones: tuple[str, ...], rng: random.Random) -> list[tuple[str, str]]:
    """(pattern, rendering) pairs for a name; none equals the name."""
    found: list[tuple[str, str]] = []
    for pattern, items in (
        ("letters", _letters(name, rng)),
        ("numbers", _numbers(name)),
        ("split", _split(name)),
        ("merge", _merge(name, entity_type)),
        ("homophone", list(homophones)),
        ("spelling", _spelling(name, rng)),
        ("vowel", _vowel(name, rng)),
        ("dropped", _dropped(name, rng)),
    ):
        for item in items:
            if item.lower() != name.lower() and all(item != r for _, r in found):
                found.append((pattern, item))
    return found


def _case(rendering: str, casing: str) -> str:
    if casing == "capitalised":
        return " ".join(w[:1].upper() + w[1:] for w in rendering.split(" "))
    return rendering


def _sentence(frame: str, rendering: str, casing: str) -> tuple[str, int, int]:
    """The frame with the rendering in it, and the rendering's offsets."""
    before, after = frame.split("{r}")
    text = before + rendering + after
    start = len(before)
    if casing in ("cased", "capitalised"):
        text = text[:1].upper() + text[1:]
        if not text.endswith((".", "?", "!")):
            text += "."
        if start == 0 and casing == "cased":
            rendering = text[: len(rendering)]
    return text, start, start + len(rendering)


def _contains_word(text: str, phrases: list[str]) -> bool:
    words = " " + " ".join(_words(text)) + " "
    return any(f" {' '.join(_words(p))} " in words for p in phrases if _words(p))


def _term_words(name: str, entity_type: str) -> list[str]:
    """The name and the words of it the dictionary would find alone."""
    parts = _words(name)
    return [name] + ([p for p in parts if len(p) >= 4] if entity_type == PERSON or len(parts) > 1 else [])


def build() -> list[dict]:
    rng = random.Random(SEED)
    names = list(NAMES)
    order = list(range(len(names)))
    rng.shuffle(order)
    half = {i: SPLITS[rank % 3] for rank, i in enumerate(order)}
    entity_of = {n: t for n, t, _ in names}
    all_terms = [n for n, _, _ in names]

    def dictionary(target: str | None, size: int, *, always: str | None = None) -> list[dict]:
        others = [n for n in all_terms if n != target]
        chosen = ([target] if target else []) + rng.sample(others, size)
        return [{"term": n, "entity_type": entity_of[n], "sound_alike": "always" if n == always else "context"}
                for n in chosen]

    rendered = {name: renderings(name, entity_type, homophones, rng) for name, entity_type, homophones in names}
    items: list[dict] = []
    for index, (name, entity_type, homophones) in enumerate(names):
        split = half[index]
        options = list(rendered[name])
        if not options:
            continue
        # Up to three renderings a name, one of each pattern first.
        rng.shuffle(options)
        firsts = {}
        for option in options:
            firsts.setdefault(option[0], option)
        picked = (list(firsts.values()) + [o for o in options if o not in firsts.values()])[:3]
        frames = FRAMES[entity_type][split]
        for pattern, rendering in picked:
            frame = rng.choice(frames)
            casing = rng.choices(["lower", "cased", "capitalised"], weights=[5, 3, 2])[0]
            text, start, end = _sentence(frame, _case(rendering, casing), casing)
            spans = [{"start": start, "end": end, "term": name, "misheard": True}]
            mode = rng.choices(["plain", "attested", "always"], weights=[8, 1, 1])[0]
            if mode == "attested":
                prefix = ATTEST_FRAMES[entity_type].format(t=name) + " "
                spans = [{"start": prefix.index(name), "end": prefix.index(name) + len(name), "term": name,
                          "misheard": False}] + [{**s, "start": s["start"] + len(prefix), "end": s["end"] + len(prefix)}
                                                 for s in spans]
                text = prefix + text
            terms = dictionary(name, rng.randint(6, 14), always=name if mode == "always" else None)
            items.append({
                "id": f"pos-{len(items):04d}", "split": split, "kind": "positive", "pattern": pattern,
                "casing": casing, "evidence": mode, "text": text, "terms": terms, "spans": spans,
            })

    negatives: list[tuple[str, str]] = [(s, "rendering words") for s in RENDERING_WORD_NEGATIVES]
    negatives += [(s, "small talk") for s in SMALL_TALK]
    cue_pairs = [(f, n) for frames, nouns in CUE_NEGATIVES for f in frames for n in nouns
                 if not (f.startswith("my manager") and n.startswith(("my ", "the ", "a ", "two ", "some ")))]
    rng.shuffle(cue_pairs)
    positives = sum(1 for i in items if i["kind"] == "positive")
    needed = max(0, positives + 20 - len(negatives))
    negatives += [(f.format(n=n), "cue and ordinary words") for f, n in cue_pairs[:needed]]
    for number, (sentence, pattern) in enumerate(negatives):
        casing = rng.choices(["lower", "cased"], weights=[5, 4])[0]
        text = sentence[:1].upper() + sentence[1:] + "." if casing == "cased" else sentence
        # The terms whose renderings use this sentence's words, and random others.
        content = {w for w in _words(text) if zipf_frequency(w, "en") < 6.0}
        related = sorted(n for n, options in rendered.items() if content & {w for _, r in options for w in _words(r)})
        terms = dictionary(None, rng.randint(8, 15))
        names_in = {t["term"] for t in terms}
        terms += [{"term": n, "entity_type": entity_of[n], "sound_alike": "context"}
                  for n in rng.sample(related, min(3, len(related))) if n not in names_in]
        blocked = [w for t in terms for w in _term_words(t["term"], t["entity_type"])]
        if _contains_word(text, blocked):
            # A term written in the sentence is the exact matcher's business, not a negative.
            terms = [t for t in terms if not _contains_word(text, _term_words(t["term"], t["entity_type"]))]
        items.append({
            "id": f"neg-{number:04d}", "split": SPLITS[number % 3], "kind": "negative",
            "pattern": pattern, "casing": casing, "evidence": "plain", "text": text, "terms": terms, "spans": [],
        })
    return items


def main() -> None:
    items = build()
    with OUT.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    pos = sum(i["kind"] == "positive" for i in items)
    print(f"{OUT.name}: {pos} positives, {len(items) - pos} negatives, {len(NAMES)} names")


if __name__ == "__main__":
    main()
