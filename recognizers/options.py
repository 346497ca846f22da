"""What each registered recognizer can be configured with, and the default of every option.

One pydantic model per recognizer; the engine YAML's ``options:`` for a recognizer are
validated against it when the configuration loads, so a misspelt option or a wrong type
is a configuration error naming the recognizer and the option, and ``tanon config show``
prints every option with its default filled in. A recognizer built directly (in a test,
or a script) without options gets the same defaults. Relative paths are resolved against
the directory of the engine YAML.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from service.vocabulary.organization_suffixes import LEGAL_SUFFIXES, SECTOR_SUFFIXES
from service.vocabulary.placeholder_nouns import PLACEHOLDER_NOUNS

Score = Annotated[float, Field(ge=0, le=1)]
# Score of a weak candidate: below decide.score_threshold (0.4), so it is not replaced but
# listed in the analysis's dropped findings with its reason, for a person to confirm.
SUGGESTION_SCORE = 0.3


class RecognizerOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpacyNerOptions(RecognizerOptions):
    """The model's labels and score are engine settings: the ``ner`` section."""


class SpeakerNameOptions(RecognizerOptions):
    score: Score = 0.9
    role_score: Score = 1.0  # a numbered role label ("Speaker 2"), kept as a placeholder
    # A lowercase label ("jane doe:") that opens a single turn is a name when one of its
    # words is rarer in English than this (wordfreq Zipf); two or more turns suffice.
    lowercase_rare_zipf: float = Field(3.0, ge=0)


class PlaceholderOptions(RecognizerOptions):
    nouns: tuple[str, ...] = PLACEHOLDER_NOUNS  # "Company Y", "Participant 4"
    score: Score = 1.0


class OrganizationPatternOptions(RecognizerOptions):
    legal_suffixes: tuple[str, ...] = LEGAL_SUFFIXES
    sector_suffixes: tuple[str, ...] = SECTOR_SUFFIXES
    # Common English words before a sector suffix ("Customer Data", "Green AI") are a
    # suggestion only: a word at least this common (wordfreq Zipf) is common.
    common_word_zipf: float = Field(3.5, ge=0)
    suggestion_score: Score = SUGGESTION_SCORE
    legal_score: Score = 0.87  # "Northwind Analytics Inc"
    sector_score: Score = 0.6  # "Brackley Health": a hint, confirmed elsewhere or not
    university_score: Score = 0.88
    # In uncased speech-to-text a name before a suffix must start with a word rarer in
    # English than this (wordfreq Zipf): "brackley health", not "healthcare data".
    uncased_max_zipf: float = Field(3.5, ge=0)


class PersonNameOptions(RecognizerOptions):
    first_names: str = "names/first_names.txt"
    last_names: str = "names/last_names.txt"
    ambiguous_first_names: str = "names/ambiguous_first_names.txt"
    # Lowercase words count as first names only when rarer than this in English (wordfreq Zipf).
    rare_lowercase_zipf: float = Field(3.2, ge=0)
    first_name_score: Score = 0.7
    full_name_score: Score = 0.86
    title_score: Score = 0.87
    lowercase_score: Score = 0.6
    # In lowercase text, a word after an office that is not on the name lists is a name
    # only when rarer than this (wordfreq Zipf): "president mbeki", not "general anaesthetic".
    rare_office_name_zipf: float = Field(2.0, ge=0)
    # Offices written before a person's name ("Commissioner Okafor", "president mbeki"):
    # the name after one is a person's; the office itself is not part of the name.
    role_titles: tuple[str, ...] = (
        "president", "commissioner", "minister", "chancellor", "senator", "congressman", "congresswoman",
        "governor", "mayor", "ambassador", "secretary", "rapporteur", "councillor", "councilor", "baroness",
        "baron", "lord", "lady", "judge", "justice", "sheikh", "pope", "cardinal", "bishop", "reverend", "rev",
        "father", "rabbi", "imam", "general", "colonel", "captain", "sergeant", "inspector", "detective",
        "coach", "chairman", "chairwoman", "chair", "premier", "sen", "gov", "rep", "representative", "deputy",
    )


class GazetteerOptions(RecognizerOptions):
    dir: str = "gazetteers"  # the list files below are relative to it; null leaves a list out
    organizations_path: str | None = "organizations.txt"
    vendors_products_path: str | None = "vendors_products.txt"
    data_providers_path: str | None = "data_providers.txt"
    universities_path: str | None = "universities.txt"
    ambiguous_path: str | None = "ambiguous.txt"
    min_score: Score = 0.0
    # A listed name outscores the NER model (0.85), so its type wins where they overlap.
    score: Score = 0.9
    variant_score: Score = 0.75  # split or run together differently from the list ("cultureamp")
    context_score: Score = 0.7  # an ambiguous name with the evidence its rule asks for


class EmailOptions(RecognizerOptions):
    pass


def _phone_regions(regions: tuple[str, ...]) -> tuple[str, ...]:
    import phonenumbers  # only when regions are configured: the package loads its tables

    unknown = [r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS]
    if unknown:
        raise ValueError(f"not a phonenumbers region code: {', '.join(unknown)} (e.g. GB, not UK)")
    return regions


class PhoneOptions(RecognizerOptions):
    # Where numbers without a country code are read from (phonenumbers region codes).
    regions: Annotated[tuple[str, ...], AfterValidator(_phone_regions)] = ("US", "GB", "DE", "FR", "IL", "IN", "CA", "BR", "AU", "NZ", "IE")


class UrlOptions(RecognizerOptions):
    # A URL whose host ends in a real public suffix is as sure as an e-mail address, so a
    # name guess inside it ("edu" in "larkfield.edu") never turns it into a name.
    score: Score = 1.0


class RareCapitalizedOptions(RecognizerOptions):
    # A capitalized word mid-sentence rarer in English than this (wordfreq Zipf) is a name
    # ("Kestrelbrook" 0, "Okonkwo" 1.4); rarer than suggest_zipf only, a suggestion, unless
    # it is on the name lists (then a person's name).
    confident_zipf: float = Field(2.0, ge=0)
    suggest_zipf: float = Field(3.0, ge=0)
    first_names: str = "names/first_names.txt"
    last_names: str = "names/last_names.txt"
    score: Score = 0.65  # above propagation.min_score: every other mention is found too
    suggestion_score: Score = SUGGESTION_SCORE
    # Context that says which kind of name it is; without any, an organization.
    organization_before: tuple[str, ...] = (
        "at", "for", "with", "from", "joined", "left", "client", "vendor", "partner", "competitor",
    )
    person_before: tuple[str, ...] = (
        "hi", "hey", "thanks", "dear", "mr", "ms", "mrs", "dr", "my colleague", "my manager", "my boss",
    )
    person_after: tuple[str, ...] = ("said", "says", "told", "thinks", "thought", "who", "wrote")
    # Model labels that make a capitalized word something other than a name of a person
    # or an organization: a nationality, a language, an event, a law, a title, a date.
    not_name_labels: tuple[str, ...] = (
        "NORP", "LANGUAGE", "EVENT", "LAW", "WORK_OF_ART", "DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL",
        "CARDINAL", "PERCENT",
    )


class NameSlotOptions(RecognizerOptions):
    # Slots where speech puts a name; "_" is the name ("works at _", "_'s team"). A word
    # there rarer in English than confident_zipf is a name; rarer than suggest_zipf only,
    # a suggestion. In lowercase speech-to-text this is the evidence capitals would give.
    organization_slots: tuple[str, ...] = (
        "work at _", "works at _", "worked at _", "working at _", "job at _", "role at _", "based at _",
        "work for _", "works for _", "worked for _", "working for _", "joined _", "i left _", "we left _",
        "at _ we", "at _ we're", "at _ we've", "at _ we'd", "_'s team", "_'s data", "_'s platform",
        "_'s customers", "_'s clients", "_'s staff", "_'s office", "_'s product", "_'s people",
        "our vendor was _", "our vendor is _", "the vendor was _", "the vendor is _", "our client was _",
        "our client is _", "a company called _", "a company named _", "a firm called _", "a startup called _",
        "an agency called _", "a consultancy called _", "a vendor called _", "a supplier called _",
        "a provider called _", "a client called _", "contract with _", "partnered with _",
    )
    person_slots: tuple[str, ...] = (
        "my name is _", "my name's _", "i'm _ and", "this is _ from", "my manager _", "my boss _",
        "my colleague _", "a guy called _", "a guy named _", "a woman called _", "a woman named _",
        "someone called _", "someone named _", "a colleague called _", "a colleague named _",
        "_ said", "_ told me", "thanks _", "thank you _",
    )
    university_slots: tuple[str, ...] = (
        "studied at _", "study at _", "studying at _", "degree at _", "degree from _", "mba at _", "mba from _",
        "phd at _", "phd from _", "master's at _", "masters at _", "graduated from _", "student at _",
        "professor at _", "lecturer at _", "undergrad at _", "postdoc at _",
    )
    product_slots: tuple[str, ...] = (
        "a tool called _", "an app called _", "a platform called _", "a system called _",
        "software called _", "a product called _", "a tool named _", "a platform named _",
    )
    confident_zipf: float = Field(2.5, ge=0)
    suggest_zipf: float = Field(3.5, ge=0)
    max_words: int = Field(3, ge=1)  # a name is at most this many rare words ("farid al haddad")
    score: Score = 0.7
    suggestion_score: Score = SUGGESTION_SCORE


class OrganizationAcronymOptions(RecognizerOptions):
    # An acronym is an organization when the transcript defines it ("Hartwell Bank (HB)")
    # or uses it as one: right after one of these words with no article ("at HB", "with
    # HB"), or as a bare possessive ("HB's data"). An acronym the transcript uses with "a"
    # or "an" ("a CRO", "an EMT") is a common noun. Any other acronym is a suggestion.
    organization_before: tuple[str, ...] = ("at", "with", "from", "for", "joined", "left", "to", "by")
    # An all-capitals word whose lowercase form is this common is a word ("IT", "US", "OK").
    max_word_zipf: float = Field(4.5, ge=0)
    score: Score = 0.7
    # A definition outweighs the model's guess of another type ("HB" taken for a place).
    defined_score: Score = 0.9
    suggestion_score: Score = SUGGESTION_SCORE


# -- contacts as people say them ------------------------------------------------------------
# Word lists below are matched in lower case. A contact these recognizers check scores 1.0:
# where a name overlaps it, the contact gives the merged span its type.
Words = tuple[str, ...]
WordCount = Annotated[int, Field(ge=1)]
Window = Annotated[int, Field(ge=0)]  # how many tokens before a contact are searched for a cue
Zipf = Annotated[float, Field(ge=0)]  # wordfreq's scale: "the" 7.7, "spark" 4.0


class SpokenEmailOptions(RecognizerOptions):
    # Widely used mail services: "jane at gmail dot com" is an address without other evidence.
    mail_providers: Words = (
        "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "ymail", "icloud", "me", "mac",
        "aol", "protonmail", "proton", "pm", "gmx", "zoho", "fastmail", "yandex", "mail", "btinternet",
        "sky", "virginmedia", "talktalk", "comcast", "verizon", "att", "sympatico", "rogers", "shaw",
    )
    # Words shortly before the user name that announce an address ("email me at", "reach me at").
    cues: Words = ("email", "e-mail", "mail", "emailed", "emailing", "address", "contact", "reach", "write", "send",
                   "cc", "copy", "inbox")
    cue_window: Window = 4
    max_name_words: WordCount = 2  # words in a user name, besides spelled characters and digits
    # A second word of a user name must be rarer than this ("tamsin doe at", not "send it at").
    second_word_max_zipf: Zipf = 5.0
    # A one-word user name this rare needs no other evidence ("jsmith at ...").
    rare_zipf: Zipf = 2.5
    score: Score = 1.0


class SocialHandleOptions(RecognizerOptions):
    platforms: Words = (
        "instagram", "insta", "twitter", "x", "tiktok", "threads", "bluesky", "mastodon", "linkedin", "facebook",
        "youtube", "snapchat", "github", "reddit", "twitch", "discord", "telegram", "pinterest", "substack",
    )
    # The word right before "at" that announces a handle ("follow us at", "we're at", "it's at").
    cues: Words = ("us", "me", "them", "we're", "i'm", "they're", "he's", "she's", "it's", "handle", "username", "name")
    # Phrases before a user name: "my handle is ...", "username: ...".
    name_cues: Words = ("handle", "username", "user name", "screen name", "gamertag", "instagram", "twitter",
                        "tiktok", "insta", "account name")
    max_words: WordCount = 4
    # Before a platform, a handle needs a word rarer than rare_zipf (or a connector or a
    # digit); after a name cue, one rarer than common_zipf.
    rare_zipf: Zipf = 3.0
    common_zipf: Zipf = 4.5
    score: Score = 1.0


class SpokenPhoneOptions(RecognizerOptions):
    # phonenumbers region codes a number without "+" may belong to.
    regions: Annotated[Words, AfterValidator(_phone_regions)] = ("US", "CA", "GB", "IE", "AU", "NZ")
    cues: Words = (
        "phone", "number", "mobile", "cell", "cellphone", "call", "ring", "text", "reach", "contact", "landline",
        "tel", "telephone", "whatsapp", "fax", "dial", "extension", "line", "voicemail",
    )
    cue_window: Window = 6
    valid_score: Score = 0.85  # a valid number in one of the regions
    cue_score: Score = 0.95  # a valid number after a phone cue


class StreetAddressOptions(RecognizerOptions):
    # USPS, Canada Post and Royal Mail street types; US states and Canadian provinces.
    street_types_file: str = "contacts/street_types.txt"
    regions_file: str = "contacts/regions.txt"
    # Words shortly before a house number that announce an address ("I live at", "moved to").
    cues: Words = (
        "at", "on", "to", "from", "is", "was", "it's", "address", "live", "lives", "lived", "living", "moved",
        "located", "near", "number", "house", "flat", "apartment", "office", "studio", "shop", "in",
    )
    cue_window: Window = 3
    max_name_words: WordCount = 3  # words of the street's name before its type
    score: Score = 1.0


class PostcodeOptions(RecognizerOptions):
    regions_file: str = "contacts/regions.txt"
    # A bare five-digit number is a ZIP only after a state or one of these ("my zip code is").
    zip_cues: Words = ("zip", "zipcode", "postcode", "postal")
    score: Score = 1.0


class SpokenUrlOptions(RecognizerOptions):
    # Without "www", a scheme or a cue, a host said aloud must end in one of these: "dot" is
    # also a verb, and many suffixes are words ("dot me", "dot one").
    common_suffixes: Words = (
        "com", "org", "net", "edu", "gov", "mil", "int", "io", "info", "biz", "app", "dev", "ai",
        "uk", "ca", "us", "au", "nz", "ie", "eu", "de", "fr", "nl", "es", "it", "in",
    )
    cues: Words = ("website", "site", "web", "url", "link", "visit", "page", "homepage", "domain", "online", "blog",
                   "go", "browser")
    cue_window: Window = 5
    score: Score = 1.0


class SoundAlikeOptions(RecognizerOptions):
    """How the project dictionary matches renderings that only sound like a term ("alter ex"
    for Alteryx; ``recognizers/sound_alike.py``). The word lists it reads are in ``cues``."""

    enabled: bool = True
    # score = phonetic_weight * key similarity + (1 - phonetic_weight) * letter similarity.
    match_threshold: Score = 0.8
    suggest_threshold: Score = 0.7  # from here to match_threshold (or without context): a suggestion
    phonetic_weight: Score = 0.7
    min_phonetic: Score = 0.8  # floors on each part, whatever the score
    min_edit: Score = 0.45
    min_key_length: int = Field(4, ge=1)  # shorter keys ("JR" for Jira) say little, so they need
    short_key_min_edit: Score = 0.75  # letters at least this alike
    common_word_zipf: float = Field(4.0, ge=0)  # one word this common in English never matches alone
    common_word_zipf_capitalised: float = Field(5.0, ge=0)  # the same, capitalised mid-sentence
    split_word_zipf: float = Field(3.0, ge=0)  # "big query": a split into words this common needs context
    extra_stop_words: int = Field(1, ge=0)  # stop words a window may hold beyond the term's own
    max_gap: int = Field(3, ge=0)  # gap words and fillers between a cue and the window
    cues: str = "sound_alike_cues.yaml"  # fillers, no_start_words, gap_words, cues_before, cues_after

    @model_validator(mode="after")
    def _suggest_below_match(self) -> SoundAlikeOptions:
        if self.suggest_threshold > self.match_threshold:
            raise ValueError("suggest_threshold must not be above match_threshold")
        return self


class ProjectDictionaryOptions(RecognizerOptions):
    """The project dictionary (``recognizers/project_dictionary_recognizer.py``): built per
    request from a project's terms, with these options from the engine configuration."""

    # rapidfuzz fuzz.ratio for a misspelling: "Nortwind"/"northwind" scores 94, "north"/"northwind" 71.
    fuzzy_threshold: int = Field(86, ge=50, le=100)
    min_fuzzy_length: int = Field(5, ge=1)  # shorter keys ("ML", "Acme") must match exactly
    sound_alike: SoundAlikeOptions = SoundAlikeOptions()
