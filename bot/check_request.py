"""Whether a message asks StemSafe to check a clinic (start the guided clinic check), or only asks about a treatment.

Only a request to check, vet or verify a clinic (or "them", "it", "this place"...) starts the clinic check:
"can you check it", "check them out pls", "could you look at a stem cell company in Houston?",
"is this legit?", "is there a way to check the clinic?". A question about a treatment ("are knee injections
safe?", "can I get my money back from a clinic in Tijuana?", "how do I check a doctor's cedula?") is a
question to answer, even when it names a clinic. The NLU guard (components/check_request_guard.py) applies
this to the classifier's guess in both directions. Pure text rules: no Rasa, no model.

Spanish follows the same rule, whatever the conversation's language: "quiero revisar una clínica", "¿me
ayuda a verificarla?", "¿esta clínica de Tijuana es confiable?" ask for the check; "¿las inyecciones en la
rodilla son seguras?", "¿me pueden devolver mi dinero?" or "¿cómo verifico la cédula de un médico?" are
questions to answer.
"""

from __future__ import annotations

import re

from bot.places import country_of
from bot.text import normalise, unaccented

# Verbs that mean "check this provider" (not "check my symptoms": the object decides).
_VERB = (
    r"(?:check|double[- ]check|vet|verify|look (?:at|into|over)|investigate|research|assess|evaluate|review|"
    r"screen|examine|inspect|scrutini[sz]e|go over|go through|run (?:a|the) check on)"
)
# Someone or something that offers treatments (singular and plural).
_ONE = (
    r"(?:clinic|cent(?:er|re)|hospital|practice|provider|company|doctor|physician|surgeon|med ?spa|spa|place|"
    r"program|programme|office|chiropractor|institute|facility|lab|business|outfit|offer|website|site|ad|"
    r"advert|advertisement|team|firm|organi[sz]ation|clinician|specialist|practitioner)"
)
_MANY = (
    r"(?:clinics|cent(?:er|re)s|hospitals|practices|providers|companies|doctors|physicians|surgeons|spas|places|"
    r"programs|programmes|offices|chiropractors|institutes|facilities|labs|businesses|offers|websites|sites|"
    r"ads|people|guys|firms|organi[sz]ations|specialists|practitioners)"
)
_PROVIDER = rf"(?:{_ONE}|{_MANY})"
_PRONOUN = r"(?:it|them|this|that|these|those|this one|that one|him|her)"
_DEICTIC = r"(?:this|that|it|they|these|those|he|she)"
# The verb's object: a pronoun, up to eight words ending in a provider word, "out", or "if/whether <it/the clinic>".
_OBJECT = (
    rf"(?:{_PRONOUN}\b|(?:\S+ ){{0,8}}?{_PROVIDER}\b|(?:them |it |this |that )?out\b|"
    rf"(?:if|whether) (?:{_DEICTIC}\b|(?:\S+ ){{0,4}}?{_PROVIDER}\b))"
)
# Bounded repetitions everywhere (here {0,3}): every pattern stays linear on hostile text (tests/security).
_POLITE = r"(?:(?:please|pls|plz|kindly|just|also|maybe|quickly|properly|for me|with me|together),?\s+){0,3}"
# After "can you / I'd like to <verb>", a name also counts ("I'd like to check Regeneris in Cancun"), but not
# a question about evidence or the person's own situation ("can you check if stem cells help autism?").
_NAMED = (
    r"(?!(?:if|whether|that|my|his|her|our|their|stem|cells?|what|how|when|why|where|for|clinical|a|an|some|any|"
    r"other|more|all|online|again|the (?:evidence|research|"
    r"science|facts|studies|data|risks?|options|costs?|prices?)|trials?|studies|options|treatments?|therap(?:y|ies)|"
    r"prices?|costs?|reviews?|results?|symptoms?|evidence|research)\b)[a-z][\w'-]*\b"
)
_REQUEST = (
    # "can you (please) (help me) check ...", "would you mind checking ..."
    rf"(?:can|could|would|will|might|may) (?:you|u|we)(?: please| pls| maybe| also| just)?"
    rf"(?: (?:help|assist) (?:me|us)(?: to| with)?)? {_VERB}"
    rf"|would you mind {_VERB}(?:ing)?"
    # "(please) help me check ...", "I want to check ...", "I'd like you to vet ...", "let's check ..."
    rf"|(?:help|assist) (?:me|us)(?: to| with)? {_VERB}"
    rf"|(?:i|we)(?: want| wanna| need| would like|'d like| d like| wish| am hoping| hope)(?: you)?(?: to)? {_VERB}"
    rf"|(?:let'?s|let us) {_VERB}"
    rf"|\b(?:need|want|wanted) (?:you|u) to {_VERB}"
    # "is there a way to check ...", "how can you help me check ..."
    rf"|is there (?:a|any) way (?:to|i can|we can|you can|for me to) {_VERB}"
)
_END = r"\s*(?:[?.!,;]|$)"
_PATTERNS = (
    # A request with the verb's object: "can you check a pain clinic in Phoenix", "I want to check them out".
    rf"\b(?:{_REQUEST})(?:ing)?\s+{_POLITE}(?:{_OBJECT}|{_NAMED})",
    # "how do we check the place?", "how can I vet them?": a particular clinic, not clinics in general.
    rf"\bhow (?:do|can|could|should|would) (?:i|we) {_VERB} (?:(?:the|this|that|our|my|his|her|their) "
    rf"(?:\S+ ){{0,4}}?{_PROVIDER}\b|(?:them|it|this one|that one|him|her)\b)",
    # A request that ends with the verb: "can you check?", "could you verify for me please".
    rf"\b(?:{_REQUEST})(?:ing)?(?:\s+(?:for me|with me|please|pls|plz|out|properly|together)){{0,3}}{_END}",
    # An imperative at the start of a sentence: "check it pls", "please vet this clinic", "look into them".
    rf"(?:^|[.!?;:,] ?|\b(?:and|so) ){_POLITE}{_VERB}\s+{_OBJECT}",
    # "is this legit?", "are they trustworthy?" at the end of a sentence (not "is it legit to ...").
    rf"\b(?:is|are) (?:this|they|these|those|he|she)(?: (?:really|actually|even|truly))? "
    rf"(?:legit|legitimate|trustworthy|reputable|a scam|a fraud|scammers|fraudulent|for real|kosher|genuine|"
    rf"a rip-?off){_END}",
    # "is the clinic in Cancun legit?", "is this clinic safe", "are these guys for real?" (not "is a clinic in
    # Mexico safe?": no clinic in particular, a question to answer)
    rf"\b(?:is|are) (?:(?:the|this|that|my|our|his|her|their|your) (?:\S+ ){{0,4}}?{_ONE}|"
    rf"(?:these|those|my|our|his|her|their) (?:\S+ ){{0,4}}?{_MANY})\b(?: \S+){{0,5}}? (?:really |actually |even )?"
    r"(?:legit|legitimate|trustworthy|reputable|a scam|a fraud|fraudulent|for real|kosher|genuine|safe|ok|okay|"
    r"any good|reliable|licensed|approved|real)\b",
    # "help me figure out if this clinic in Guadalajara is legitimate"
    rf"\b(?:if|whether) (?:the|this|that|my|our) (?:\S+ ){{0,4}}?{_ONE}\b(?: \S+){{0,5}}? (?:is|'s) "
    r"(?:really |actually )?(?:legit|legitimate|trustworthy|reputable|a scam|real|genuine|safe|licensed)\b",
    # Naming the feature: "start a clinic check", "go through the clinic questions", "run the red flag check".
    r"(?:^|\b(?:start|begin|do|run|new|go through|take|want|like|need)\b.{0,20})\b(?:clinic|provider|doctor) "
    r"(?:check|checkup|check-up|questions|questionnaire|vetting)\b",
    r"\bred[- ]flag (?:check|questions|review)\b",
)
_COMPILED = tuple(re.compile(pattern) for pattern in _PATTERNS)
# A particular provider, pointed at: "the clinic in Cancun", "this centre", "that spa" (not "the doctor's advice").
_THE_PROVIDER = rf"(?:the|this|that|these|those) (?:\S+ ){{0,4}}?{_PROVIDER}\b(?!'s)"
# Asking others' opinion of a particular provider: "what do you think of the clinic in Cancun?", "has anyone
# been to this place?", "any reviews of that center?", "should I trust this clinic?". The opinion of a clinic
# is what the check gives; "what do you think about going to a clinic in Mexico?" (no particular one) is not.
_OPINION = (
    r"(?:what do (?:you|u|y'?all|people|you guys|others) (?:think|know) (?:of|about)|thoughts on|opinions? "
    r"(?:on|of|about)|(?:any|good|bad) reviews? (?:of|on|for|about)|(?:has |have )?(?:any ?one|any ?body|you) "
    r"(?:ever )?(?:heard (?:anything )?(?:of|about)|been to|gone to|used|tried|dealt with|been treated (?:at|by))|"
    r"(?:should|can|could) (?:i|we) (?:really )?trust|(?:do|does) (?:you|u|any ?one|any ?body) know (?:anything )?"
    r"(?:of|about))"
)
_OPINION_OF_PROVIDER = re.compile(rf"\b{_OPINION} {_THE_PROVIDER}")
# "I found a clinic online that offers cells for $5000, is that legit?": "that" or "it" after a provider was
# named (a place, not a person: "my doctor says stem cells help, is that legit?" asks about the claim).
_PLACE = (
    r"(?:clinic|clinics|cent(?:er|re)s?|hospitals?|med ?spas?|spas?|compan(?:y|ies)|institutes?|facility|"
    r"facilities|programs?|programmes?|websites?|sites?|ads?|offers?)"
)
_PLACE_NAMED = re.compile(rf"\b(?:a|an|the|this|that|one|some) (?:\S+ ){{0,4}}?{_PLACE}\b")
_THAT_LEGIT = re.compile(
    r"\b(?:is|are) (?:that|it|this place)(?: (?:really|actually|even|truly))? (?:legit|legitimate|trustworthy|"
    rf"reputable|a scam|a fraud|fraudulent|for real|kosher|genuine|a rip-?off|any good|reliable){_END}"
)
# Checking the person's own body or results is not a clinic check ("can you check my rash?").
_OWN_BODY = re.compile(
    rf"\b{_VERB} (?:my|his|her|our|their) (?:\S+ )?(?:symptoms?|rash|wound|knee|back|eyes?|skin|leg|arm|"
    r"temperature|fever|results?|scan|mri|x-?rays?|blood|records?|injection site)\b"
)
# "How do I check a doctor's cedula / a clinic's licence?" asks how to check one credential: a FAQ answer.
_CREDENTIAL_HOWTO = re.compile(
    r"\bhow (?:do|can|could|should|would|to) (?:i |we |you |one |people |patients )?(?:\S+ ){0,3}?"
    r"(?:check|verify|look up|confirm|find)\b.{0,200}?\b(?:cedula|licen[cs](?:es?|ed)|credentials?|registration|aviso|"
    r"notice|number|permit|certificate|listing|nct|approval)\b"
)
# "How do I vet a clinic?" asks how (a FAQ answer); "is there a way to check the clinic?" asks for the check.
_HOWTO = re.compile(
    rf"\b(?:how|where) (?:do|can|could|should|would|to) (?:i |we |one |people |patients |you )?"
    rf"(?:go about |best )?{_VERB}"
    r"(?= (?:a|an|any|stem|clinics|providers|doctors|one|if|whether|that (?:a|an|the|it|they))\b)"
)
_NAMED_FEATURE = re.compile(r"\b(?:clinic|provider) (?:check|checkup|check-up|questions|questionnaire)\b")

# --- Spanish (accents removed by normalise; "¿" and "¡" dropped) -----------------------------------------
_VERB_ES = r"(?:revisar|verificar|checar|chequear|investigar|evaluar|analizar|comprobar|examinar|averiguar sobre)"
_IMPERATIVE_ES = (
    r"(?:revisa|revise|revisen|checa|cheque|chequen|chequea|verifica|verifique|verifiquen|investiga|investigue|"
    r"evalua|evalue|analiza|analice|revisemos|chequemos|checamos|verifiquemos|investiguemos|evaluemos)"
)
_ONE_ES = (
    r"(?:clinica|centro|hospital|consultorio|medico|medica|doctor|doctora|cirujano|lugar|empresa|compania|"
    r"instituto|programa|laboratorio|pagina|sitio|anuncio|oferta|especialista|proveedor|spa)"
)
_MANY_ES = (
    r"(?:clinicas|centros|hospitales|consultorios|medicos|doctores|doctoras|cirujanos|lugares|empresas|companias|"
    r"institutos|programas|laboratorios|paginas|sitios|anuncios|ofertas|especialistas|proveedores)"
)
_PROVIDER_ES = rf"(?:{_ONE_ES}|{_MANY_ES})"
_POINT_ES = r"(?:esta|este|esto|eso|esa|ese|estos|estas|esos|esas|ellos|ellas|aquella|aquel)"
_OBJECT_ES = (
    rf"(?:(?:\S+ ){{0,8}}?{_PROVIDER_ES}\b|{_POINT_ES}\b|si (?:{_POINT_ES} |la |el )(?:\S+ ){{0,4}}?{_ONE_ES}\b)"
)
_REQUEST_ES = (
    r"(?:(?:me |nos )?(?:puede|puedes|pueden|podria|podrias|podrian|podemos|puedo)(?: usted)?(?: por favor)?"
    r"(?: ayudar(?:me|nos)? a)? |(?:me |nos )?(?:ayuda|ayudas|ayudan) a |(?:ayudeme|ayudame|ayudenme|ayudanos) a |"
    r"(?:yo )?(?:quiero|quisiera|queria|necesito|me gustaria|deseo|vamos a|hay que)(?: que (?:me )?(?:ayude|ayudes|"
    r"ayuden) a)? )"
)
# Words of trust in a provider; the weak ones ("legal", "real", "buena") only with the provider named.
_TRUST_STRONG_ES = (
    r"(?:confiable|confiables|de fiar|de confianza|legitim[ao]s?|seri[ao]s?|una estafa|un fraude|estafadores|"
    r"fraudulent[ao]s?)"
)
_TRUST_ES = rf"(?:{_TRUST_STRONG_ES}|legal(?:es)?|real(?:es)?|buen[ao]s?|recomendables?)"
# A particular provider (not providers in general): "esta clínica de Tijuana", "el doctor", "estos de la clínica".
_ONE_SUBJECT_ES = rf"(?:esta|este|esa|ese|la|el|mi|su|aquella|aquel) (?:\S+ ){{0,5}}?{_ONE_ES}\b"
_MANY_SUBJECT_ES = rf"(?:estas|estos|esas|esos|mis|sus) (?:\S+ ){{0,5}}?{_PROVIDER_ES}\b"
_PATTERNS_ES = (
    # "quiero revisar una clínica", "¿me ayuda a verificar este centro?", "¿puede revisarla?"
    rf"\b{_REQUEST_ES}{_VERB_ES}(?:(?:la|lo|las|los)\b|\s+(?:por favor,? )?{_OBJECT_ES})",
    # "lo puedes revisar?", "la revisamos juntos?", "¿los podemos checar?"
    rf"\b(?:lo|la|los|las) (?:(?:puede|puedes|pueden|podria|podrias|podemos) {_VERB_ES}|revisamos|checamos|"
    rf"verificamos|investigamos)\b",
    # An imperative at the start of a sentence: "checa esta clínica", "revisemos la clínica", "checalos porfa",
    # "revisar una clínica".
    rf"(?:^|[.!?;:,] ?)(?:por favor,? )?(?:(?:{_IMPERATIVE_ES}|{_VERB_ES})\s+{_OBJECT_ES}|"
    rf"{_IMPERATIVE_ES}(?:la|lo|las|los)\b)",
    # "¿esta clínica de Tijuana es confiable?", "la clínica de Cancún es de fiar?"
    rf"\b(?:{_ONE_SUBJECT_ES}|{_MANY_SUBJECT_ES})"
    rf"(?: \S+){{0,5}}? (?:es|son|sera|seran|parece|parecen) (?:realmente |de verdad |muy )?{_TRUST_ES}\b",
    # "¿es confiable esta clínica?", "¿son de confianza estos de la clínica?"
    # (a weak word before "esto/eso" is about a treatment: "¿es real eso de las células madre?", "¿es legal esto?")
    rf"\b(?:es|son|sera|seran) (?:realmente |de verdad )?(?:{_TRUST_ES} (?:{_ONE_SUBJECT_ES}|{_MANY_SUBJECT_ES})|"
    rf"{_TRUST_STRONG_ES} {_POINT_ES}\b)",
    # "¿es legítima?", "y ¿son confiables?" on its own (Spanish leaves out "it" and "they")
    rf"(?:^|[.!?] ?)(?:y |pero |entonces |oye,? |oiga,? )?(?:es|son|sera|seran) (?:realmente |de verdad )?"
    rf"{_TRUST_STRONG_ES}\s*(?:[?.!,;]|$)",
    # "¿puedo confiar en esta clínica?"
    rf"\b(?:puedo|podemos|se puede|debo) confiar en (?:{_POINT_ES}|la|el|los|las) (?:\S+ ){{0,4}}?{_PROVIDER_ES}\b",
    # Others' opinion of a particular provider: "¿qué opinan de la clínica de Tijuana?", "¿alguien conoce este
    # centro?", "¿alguien ha ido a esa clínica?", "referencias de este hospital"
    rf"\b(?:que|q) (?:opinan|opinas|opina|piensan|piensas|saben|sabes) (?:de|sobre|acerca de) "
    rf"(?:{_ONE_SUBJECT_ES}|{_MANY_SUBJECT_ES})",
    rf"\balguien (?:conoce|ha ido a|fue a|se ha tratado en|se trato en|se atendio en|sabe algo de) "
    rf"(?:a )?(?:{_ONE_SUBJECT_ES}|{_MANY_SUBJECT_ES})",
    rf"\b(?:opiniones|referencias|resenas|comentarios) (?:de|sobre) (?:{_ONE_SUBJECT_ES}|{_MANY_SUBJECT_ES})",
    # Naming the feature: "empezar la revisión de una clínica", "hazme las preguntas de la clínica"
    r"\b(?:empezar|iniciar|comenzar|hacer|quiero|empecemos|hagamos) (?:la |una |el |un )?(?:revision|verificacion|"
    r"evaluacion|chequeo|checada) (?:de|a|para|del) (?:la |una |esta |mi |el )?(?:clinica|centro|doctor|medico)\b",
    r"\b(?:hazme|hagame|haz|haga|hagan) (?:las |unas )?preguntas (?:de|sobre|para) (?:la |una |esta )?clinica\b",
)
_COMPILED_ES = tuple(re.compile(pattern) for pattern in _PATTERNS_ES)
_OWN_BODY_ES = re.compile(
    rf"\b(?:{_VERB_ES}|{_IMPERATIVE_ES}) (?:mis|mi|sus|su) (?:\S+ )?(?:sintomas|herida|rodilla|espalda|ojos?|piel|"
    r"pierna|brazo|temperatura|fiebre|resultados|estudios|analisis|radiografias?|resonancia|expediente|sangre|seguro)\b"
)
# "¿Cómo verifico la cédula de un médico?" asks how to check one credential: a FAQ answer.
_CREDENTIAL_HOWTO_ES = re.compile(
    r"\bcomo (?:puedo |podemos |se puede |debo |se )?(?:\S+ ){0,3}?(?:verific|revis|chec|consult|busc|compr|"
    r"averigu)[a-z]*\b.{0,200}?\b(?:cedula|licencia|credencial(?:es)?|registro|aviso|permiso|certificado|numero|"
    r"nct|aprobacion|autorizacion)\b"
)
# "¿Cómo reviso una clínica?" asks how (a FAQ answer); "¿cómo reviso esta clínica?" asks for the check.
_HOWTO_ES = re.compile(
    r"\b(?:como|donde) (?:puedo |podemos |se puede |debo |se |hay que )?(?:revis|verific|chec|investig|evalu)"
    r"[a-z]*(?: yo| yo mismo| yo misma| uno| nosotros)?(?= (?:a|una|un|cualquier|las|los|clinicas|centros|medicos|"
    r"doctores|si)\b)[^.?!]{0,300}"
)
_NAMED_FEATURE_ES = re.compile(r"\b(?:revision|verificacion|evaluacion|chequeo) de (?:la |una )?clinica\b")


# A provider by name: "Is Stemedix legit?", "What do you think of Novastem?", "Has anyone been to BioCell
# Panama?", "How can Vitacell claim it cures MS?". Read on the text as written: a name is capitalised.
# Treatments, places and regulators are not providers ("Is Stem Cell Therapy Legit?", "Is PRP a scam?",
# "Are Mexico clinics accredited?").
_NAME = r"(?P<name>[A-Z][\w&'.-]*(?: (?:[A-Z][\w&'.-]*|of|de|del|la|and|&)){0,5})"
_TRUST_WORD = (
    r"(?:legit|legitimate|trustworthy|reputable|a scam|a fraud|fraudulent|for real|accredited|licensed|any good|"
    r"confiable|de fiar|una estafa|un fraude|legitim[ao])"
)
_NAMED_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b(?i:is|are|es|son) {_NAME} (?i:(?:really |actually |even |realmente )?{_TRUST_WORD})\b",
        rf"\b(?i:is|are|es|son) (?i:(?:really |actually |realmente )?{_TRUST_WORD}) {_NAME}\s*(?:[?.!,;]|$)",
        rf"\b(?i:{_OPINION}) {_NAME}",
        rf"\b(?i:how (?:can|could|does|do) |why (?:does|do|would) |can ){_NAME} (?i:claim|say|promise|advertise)",
        rf"\b(?i:que|q) (?i:opinan|opinas|opina|piensan|piensas|saben|sabes) (?i:de|sobre) {_NAME}",
        rf"\b(?i:alguien) (?i:conoce|ha ido a|fue a|se trato en|se atendio en) {_NAME}",
    )
)
# A name with one of these words is a treatment or a product, not a provider (unless it also says "clinic",
# "institute"...: "Is Stem Cell Institute legit?").
_TREATMENT_WORDS = frozenset(
    "stem cell cells therapy therapies treatment treatments prp exosome exosomes secretome injection injections "
    "iv infusion infusions regenerative medicine science research trial trials clinical wharton wharton's jelly "
    "bone marrow cord blood placenta placental amniotic umbilical mesenchymal msc mscs bmac ozone plasma nad "
    "ryoncil omisirge lantidra kymriah yescarta zolgensma casgevy lyfgenia hemgenix maci amtagvi rethymic "
    "celulas madre terapia tratamiento tratamientos inyecciones".split()
)
# A name made only of these is a pronoun, a place, a regulator or a condition ("Are Mexico clinics accredited?").
_NOT_A_NAME = frozenset(
    "i it its this that they these those he she we you my the el la los las esto eso esta este of de del and & "
    "mexico mexican tijuana cancun panama usa us america american fda cofepris isscr cdc nih who ms als copd "
    "autism covid dr dr.".split()
)
_PROVIDER_WORDS = re.compile(rf"\b(?:{_ONE}|{_MANY}|{_ONE_ES}|{_MANY_ES})\b")


def _names_a_provider(text: str) -> bool:
    """A capitalised name asked about like a provider ("Is Stemedix legit?"), not a treatment or a place."""
    plain = unaccented(text).replace("¿", "").replace("¡", "")
    for pattern in _NAMED_PATTERNS:
        for match in pattern.finditer(plain):
            name = match.group("name").casefold()
            words = {w.strip("'.,-") for w in name.split()}
            if words <= _NOT_A_NAME:
                continue
            if words & _TREATMENT_WORDS and not _PROVIDER_WORDS.search(name):
                continue
            return True
    return False


def _asks_in_spanish(lowered: str) -> bool:
    text = lowered.replace("¿", "").replace("¡", "")
    if _OWN_BODY_ES.search(text) and not any(p.search(_OWN_BODY_ES.sub(" ", text)) for p in _COMPILED_ES):
        return False
    if _CREDENTIAL_HOWTO_ES.search(text) and not _NAMED_FEATURE_ES.search(text):
        return False
    if _HOWTO_ES.search(text):
        text = _HOWTO_ES.sub(" ", text)
    return any(pattern.search(text) for pattern in _COMPILED_ES)


def asks_to_check(text: str | None) -> bool:
    """True when the message asks StemSafe to check, vet or verify a clinic or provider (English or Spanish)."""
    lowered = normalise(text)
    if not lowered:
        return False
    if _asks_in_spanish(lowered):
        return True
    if _OWN_BODY.search(lowered) and not any(p.search(_OWN_BODY.sub(" ", lowered)) for p in _COMPILED):
        return False
    if _CREDENTIAL_HOWTO.search(lowered) and not _NAMED_FEATURE.search(lowered):
        return False
    if _HOWTO.search(lowered):
        lowered = _HOWTO.sub(" ", lowered)
    if any(pattern.search(lowered) for pattern in _COMPILED) or _OPINION_OF_PROVIDER.search(lowered):
        return True
    if _THAT_LEGIT.search(lowered) and _PLACE_NAMED.search(lowered):
        return True
    return _names_a_provider(text or "")


# "a place called Regenera Baja Institute", "una clínica que se llama Vida Nueva en Zapopan": the clinic's name as a
# check request gives it (what follows "called"/"se llama", up to punctuation, " in <place>" or " and ...").
_CALLED = re.compile(
    r"\b(?:called|named|llamad[oa]|que se llama|se llama|el nombre es|its name is|the name is)\s+"
    r"[\"'“«]?([A-Za-zÀ-ÿ0-9][\w .&'-]{1,60}?)[\"'”»]?"
    r"(?=\s*(?:$|[,.;:!?()]|\s(?:in|at|near|on|and|but|en|cerca|y|pero|que|which|who|they|it|can|could|para|por)\b))"
)


# "la clínica BioRegen en Tijuana", "the Regenera clinic", "Clinica Stem Health Tijuana": a capitalised name next to
# the word clinic (a Spanish exploratory session, 2026-12-01, was asked the name it had just given). Capitals only:
# "a clinic in tijuana" names none.
_NAME_WORDS = r"[A-ZÀ-Ý][\w&'-]*(?: (?:de |del |la |of |the )?[A-ZÀ-Ý0-9][\w&'-]*){0,4}"
_CLINIC_WORD = r"(?:[Cc]l[ií]nica|[Cc]linic|[Cc]entro|[Cc]enter|[Cc]entre|[Ii]nstituto|[Ii]nstitute|[Hh]ospital)"
# A capitalised clinic word is part of the name: "el Instituto Celular de Occidente" was kept as "Celular de
# Occidente", and "the Stem Cell Institute in Panama City" was not found (exploratory sessions, 2026-12-01).
_CLINIC_WORD_CAPITAL = r"(?:Cl[ií]nica|Clinic|Centro|Center|Centre|Instituto|Institute|Hospital)"
_BESIDE_CLINIC = re.compile(
    rf"\b(?:la |el |the |a |una |un )?({_CLINIC_WORD_CAPITAL} {_NAME_WORDS})"
    rf"|\b(?:la |el |the |a |una |un )?{_CLINIC_WORD} ({_NAME_WORDS})"
    rf"|\b(?:the |a |la |el )?({_NAME_WORDS} (?:Clinic|Center|Centre|Institute))\b"
    rf"|\b(?:the |a |la |el )?({_NAME_WORDS}) (?:clinic|center|centre|institute)\b"
)
_NOT_A_CLINIC_NAME = re.compile(
    r"(?:it|that|this|them|eso|esto|asi|stem|stem cell|stem cells|cell|cells|celulas|madre|mexico|tijuana|i|my|the)",
    re.IGNORECASE,
)


def _a_name(name: str) -> str | None:
    return name if len(name) >= 3 and not _NOT_A_CLINIC_NAME.fullmatch(name.strip()) else None


def clinic_called_in(text: str | None) -> str | None:
    """The name after "called", "se llama", "the name is" ("se llama bioexo renova, está en zapopan"), or None."""
    match = _CALLED.search(text or "")
    return _a_name(match.group(1).strip(" .'-")) if match else None


def clinic_named_in(text: str | None) -> str | None:
    """The clinic's name a check request gives ("…at a place called Regenera Baja Institute, can u check them",
    "la clínica BioRegen en Tijuana"), or None. The clinic check records it as the first answer, as it does a
    place named in the request. A name after "called" decides alone; a capitalised name beside "clinic" only
    when there is none."""
    if _CALLED.search(text or ""):
        return clinic_called_in(text)
    beside = _BESIDE_CLINIC.search(text or "")
    return _a_name(strip_place(next((g for g in beside.groups() if g), ""))) if beside else None


def strip_place(name: str) -> str:
    """'BioRegen' from 'BioRegen Tijuana' when the last word is a place the check reads as the location."""
    words = name.split()
    while len(words) > 1 and country_of(words[-1]) is not None:
        words.pop()
    return " ".join(words)
