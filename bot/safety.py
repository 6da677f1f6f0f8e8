"""The urgent-care rail's vocabulary: warning signs, people, treatments, and the words that make a sign
something other than a report (a question about risks, a clinic's claim, a negation, past history).

Only words and short phrases live here; bot/urgent.py reads a message with them and decides. Every
pattern is a flat alternation of literal phrases with optional single words (no nested or unbounded
repetition), so matching stays linear in the length of the text (tests/unit/test_urgent.py times
each one on pathological input). Text is matched after bot.urgent.normalise: lower case, accents
removed, curly apostrophes straightened, whitespace collapsed.

Warning signs come from ../shared/content/facts.md §(l) (CDC sepsis signs, NHS cellulitis guidance,
eye and spinal-injection signs, stroke signs, clot in the lungs after an IV) and the review's list of
misses (review-2026-11.md, D3: hot swollen joint, racing heart, dizziness, vomiting, light
sensitivity, leg symptoms after a spinal injection, hives or a tight throat after an IV).

Spanish sits beside English in every list, as people in Mexico write it (the sets in tests/rail have the
examples): "calentura", "traigo el corazón acelerado", "cuello tieso", "no siento las piernas", "se me cierra
la garganta", the person carried by the verb ("tengo", "ando", "no puedo respirar"), "bien" as "very",
claims whose verb names its subject ("dicen", "me dijeron", "según"), history ("hace 3 años", "de niño"),
negations with clitics in between ("no le ha dado fiebre"), and "¿es normal que...?".
"""

from __future__ import annotations

import re

_POSS = r"(?:my |his |her |their |our |the )?"

# Signs that are urgent on their own when a person has them now: fever, sepsis, infection, allergy,
# clot, stroke signs, eye emergency, meningitis.
STRONG_EN = [
    r"fevers?",
    r"feverish",
    r"burning up",
    r"(?:high |a )temp(?:erature)?",
    r"temp (?:of |is )?\d+",
    r"temperature (?:of |is )?\d+",
    r"\d{3}(?: degrees|f)",
    r"3[89](?:\.\d)? ?(?:degrees|c)",
    r"chills",
    r"shivering",
    r"can'?t (?:stop shivering|get warm|stay warm)",
    r"rigors",
    r"clammy",
    r"cold and (?:sweaty|clammy)",
    r"cold sweats?",
    r"sweating (?:a lot|heavily)",
    r"vomit(?:ing|ed|s)?",
    r"throw(?:ing)? up",
    r"threw up",
    r"dizz(?:y|iness)(?! with)",
    r"light-?headed",
    r"(?:feel|feels|feeling|felt) faint",
    r"fainted",
    r"fainting",
    r"pass(?:ed|ing)? out",
    r"(?:heart|pulse) (?:is )?(?:racing|pounding|beating (?:so |very |really )?fast)",
    r"(?:racing|pounding) (?:heart|pulse)",
    r"palpitations",
    r"blood pressure (?:is )?(?:really |very |so )?(?:low|dropping)",
    r"low blood pressure",
    r"short(?:ness)? of breath",
    r"(?:trouble|difficulty|hard time|problems?) breathing",
    r"hard to breathe",
    r"can'?t (?:catch (?:my |his |her )?breath|breathe)",
    r"cannot breathe",
    r"breathing (?:fast|hard|heavily)",
    r"out of breath",
    r"chest pain",
    r"pain in (?:my |his |her )?chest",
    r"cough(?:ing|ed)? (?:up )?blood",
    r"(?:blood )?clots?",
    r"hives",
    r"welts",
    r"rash",
    r"allergic reaction",
    r"itchy (?:bumps|skin|welts|all over)",
    r"throat (?:is |feels )?(?:tight|swelling|swollen|closing)",
    r"tight throat",
    r"(?:lips?|tongue|face) (?:is |are )?(?:swelling|swollen)",
    r"swollen",
    r"swelling",
    r"blew up",
    r"hot to the touch",
    r"(?:is|are|feels|feel|got|getting) (?:very |really |so )?(?:hot|warm)",
    r"(?:red|swollen),? (?:and )?hot",
    r"hot,? (?:and )?(?:red|swollen)",
    r"(?:eyes?|knee|skin|site|area|arm|leg|hip|wound|shoulder|spot) (?:is |are |looks |got |getting )?"
    r"(?:very |really |so )?(?:red|redder)",
    r"getting redder",
    r"red and (?:getting bigger|growing|spreading|warm|painful|sore|swollen)",
    r"red (?:streaks?|lines?)",
    r"redness",
    r"pus",
    r"oozing",
    r"leaking",
    r"abscess",
    r"infected",
    r"infections?",
    r"sepsis",
    r"smells? (?:bad|foul|awful)",
    r"bleeding",
    r"bleeds",
    r"bruise (?:is )?spreading",
    r"spreading",
    r"purple",
    r"headaches?",
    r"head is (?:pounding|splitting|killing)",
    r"can'?t (?:look at|stand) (?:the )?light",
    r"stiff neck",
    r"neck is stiff",
    r"light (?:hurts|bothers)",
    r"sensitive to light",
    r"light sensitivity",
    r"blurr(?:y|ed|ing)",
    r"cloudy vision",
    r"(?:vision|sight) (?:is |went |got |looks )?(?:getting )?(?:cloudy|blurry|dark|darker|dim|worse)",
    r"can'?t see",
    r"cannot see",
    r"can (?:barely|hardly) see",
    r"floaters",
    r"flashes",
    r"(?:dark )?curtain over",
    r"double vision",
    r"eyes? (?:hurts?|pain|is painful|are painful|is sore)",
    r"eye pain",
    r"severe pain",
    r"(?:extreme|terrible|unbearable|excruciating|awful) pain",
    r"(?:much )?more painful",
    # "I'm so confused" / "confused by all this" is about information: only first-person confusion tied to a
    # treatment or an acute word counts (CHRONIC_EN), while "she's very confused" stays a sign.
    r"(?<!i am )(?<!i'm )(?<!im )(?<!gets )(?<!get )(?<!i feel )(?<!i am so )(?<!i'm so )(?<!im so )(?<!i am very )"
    r"(?<!i'm very )(?<!i am really )(?<!i'm really )(?<!i'm a bit )(?<!i am a bit )(?<!i'm kind of )"
    r"(?<!i'm getting )(?<!i'm totally )(?<!i'm just )(?<!i feel so )(?<!i feel very )(?<!i feel really )"
    r"confused(?! about| by| with| on | as to| what| how| which| why| whether)",
    r"confusion",
    r"disoriented",
    r"doesn'?t know where (?:he|she|i|they) (?:is|am|are)",
    r"drowsy",
    r"hard to wake",
    r"not waking up",
    r"slurr(?:ed|ing)",
    r"drooping",
    r"can'?t speak",
    r"trouble speaking",
    r"can'?t understand what",
    r"having a stroke",
    r"can'?t (?:pee|urinate)",
    r"(?:feel|feels|feeling|felt|am|i'?m|is|got|getting|been) (?:so |very |really )?(?:sick|ill|unwell)(?! of)",
    r"(?:feel|feels|feeling|felt) (?:so |very |really )?(?:terrible|awful|horrible)",
    r"burning hot",
    r"(?:i'm|im|i am|he's|she's|feel|feels|feeling) (?:so |very |really )?(?:freezing|hot)",
    r"can'?t stop (?:shaking|trembling)",
    r"discharge",
    r"(?:area|site|spot|redness|swelling|lump|bump|wound) (?:is )?(?:getting bigger|growing|spreading)",
    r"twice (?:its|the|it's) (?:normal )?size",
    r"(?:like|size of) a (?:grapefruit|balloon|melon|orange|football)",
    r"can'?t (?:keep|hold) (?:anything|food|water|it) down",
    r"heart (?:keeps |is )?(?:skipping|pounding|racing|fluttering|beating (?:so |very |really )?fast)",
    r"heartbeat (?:is )?(?:fast|racing|irregular|pounding)",
    r"(?:eyesight|vision|sight) (?:is |went |got )?(?:going |getting )?(?:foggy|blurry|cloudy|dark|dim|hazy)",
    r"foggy vision",
    r"bloodshot",
    r"wheez\w*",
    r"(?:lips?|face|skin|fingers) (?:looks? |is |are |turning |turned |went )?(?:blue|grey|gray)",
    r"turning blue",
    r"(?:face|lips|eyes?|throat|tongue) (?:is |are |looks? )?(?:puffy|puffed up|swelled)",
    r"swelled up",
    r"acting (?:strange|strangely|weird|weirdly|odd)",
    r"not making sense",
    r"can'?t find (?:his |her |my )?words",
    r"(?:very |so |really )(?:sleepy|lethargic)",
    r"lethargic",
    r"unresponsive",
    r"unconscious",
    r"collapsed",
    r"not breathing",
    r"drenched in sweat",
    r"(?:night|cold) sweats",
    r"(?:yellow|jaundiced) (?:skin|eyes)",
    r"jaundice",
    r"pain in (?:my |his |her |the )?eyes?",
    r"(?:peed|wet|soiled) (?:myself|himself|herself)",
]
# Signs that are also part of long-standing conditions (the reason someone looks at stem cells):
# a report only when tied to a treatment ("since the injection") or clearly new ("suddenly").
CHRONIC_EN = [
    r"numb(?:ness)?",
    r"tingling",
    r"weak(?:ness)?",
    r"legs? (?:feel |feels )?(?:funny|strange|weird)",
    r"(?:legs?|knees?) gave way",
    r"can'?t (?:feel|move) " + _POSS + r"(?:right |left )?(?:legs?|arms?|feet|foot|hands?|face|side)",
    r"can'?t (?:walk|stand|bend|put weight)",
    r"trouble walking",
    r"lost (?:my |his |her )?balance",
    r"lost control of",
    r"can'?t control",
    r"incontinen\w+",
    r"seizures?",
    r"paraly\w+",
    r"blind(?:ness)?",
    r"losing (?:my |his |her )?(?:vision|sight)",
    r"lost (?:my |his |her )?(?:vision|sight)",
    r"(?:hurts?|hurting) (?:so much|a lot|badly)",
    r"pain is (?:much )?worse",
    r"back pain",
    r"throbbing",
    r"(?:a )?stroke",
    r"killing (?:me|him|her)",
    r"(?:body )?aches",
    r"can'?t (?:lift|raise|use) " + _POSS + r"(?:right |left )?(?:legs?|arms?|hands?|feet|foot)",
    r"(?:legs?|arms?) (?:feel |feels )?like jelly",
    r"(?:legs?|arms?) (?:feel |feels )?rubbery",
    r"(?:legs?|arms?|hands?) (?:don'?t|do not|doesn'?t|does not|won'?t|will not) work",
    r"(?:can|could) (?:barely|hardly) (?:walk|stand|move|roll|put (?:any )?weight)",
    r"breathless",
    r"nause(?:a|ous|ated)",
    r"queasy",
    r"hot flash(?:es)?",
    r"(?:a lot of|so much|bad|intense|horrible) pain",
    r"painful",
    r"shaking",
    r"tingly",
    # "electrical tingles filtered to my toes", "burning all over my back" after a spinal injection (2026-12-01)
    r"tingl(?:es|ed)",
    r"(?:trouble|hard time|difficulty|problems?) (?:peeing|urinating|passing urine|walking)",
    r"(?:hard|difficult) to (?:pee|urinate|walk)",
    r"electric(?:al)? (?:shocks?|tingles?|jolts?|zaps?|currents?|sensations?)",
    r"burning (?:and \w+ )?(?:all over|down|through|in) " + _POSS + r"(?:back|spine|legs?|neck|body)",
    r"(?:hard )?lumps?",
    r"coughing",
    r"diarrh?(?:o)?ea",
    r"vision (?:loss|changes?)",
    r"(?:i'?m|i am|i feel|i'm feeling) (?:so |very |really |a bit |kind of |getting |totally |just )?confused"
    r"(?! about| by| with| on | as to| what| how| which| why| whether)",
]
# Spanish (Mexico), matched without accents: "calentura", "me arde", "traigo el corazón acelerado", "bien"
# as "very" ("bien hinchada"), the person in the verb ("tengo", "ando", "no puedo respirar").
_MUY = r"(?:muy |bien |super |demasiado |mucho |muchisimo |tan |tanto )?"
_ES_BODY = (
    r"(?:rodilla|rodillas|ojos?|pierna|piernas|pantorrilla|brazo|brazos|piel|zona|herida|cara|hombro|cadera|tobillo|"
    r"codo|mano|espalda|panza|barriga|articulacion|sitio|lugar|parte|nalga|pompa)"
)
STRONG_ES = [
    # fever, sepsis
    r"fiebre(?! reumatica| tifoidea| amarilla| del heno)",
    r"febril",
    r"calentura",
    r"temperatura (?:muy |bien )?alta",
    r"(?:3[89]|4[01])(?:[.,]\d)? (?:grados|de temperatura|de fiebre|de calentura)",
    r"temperatura de (?:3[89]|4[01])",
    r"escalofrios?",
    r"tiritando",
    r"tirito",
    r"(?:estoy|esta|estas|anda|ando|estaba) (?:ardiendo|hirviendo)",
    r"sudor frio",
    r"sudores",
    r"sudando",
    r"sudor",
    r"(?:presion|tension) (?:muy |bien |super )?(?:baja|bajisima)",
    r"se (?:me |le )?(?:bajo|baja|esta bajando) la presion",
    r"corazon (?:me |le )?(?:late|latia|palpita|va) " + _MUY + r"(?:rapido|fuerte|acelerado|raro|a mil)",
    r"corazon " + _MUY + r"acelerado",
    r"corazon se (?:me |le )?(?:sale|quiere salir)",
    r"se (?:me |le )?acelera el corazon",
    r"taquicardia",
    r"palpitaciones",
    r"pulso " + _MUY + r"(?:rapido|acelerado|debil)",
    r"vomit\w*",
    r"guacar\w*",
    r"no (?:para|paro|paraba|deja|dejo|dejaba|puedo dejar|puede dejar) de (?:vomitar|temblar|sangrar|toser|sudar)",
    r"maread[oa]s?",
    r"mareos?",
    r"(?:todo )?(?:me |le )?da vueltas",
    r"desmay\w+",
    r"desvanec\w+",
    r"perd(?:i|io|iendo) el (?:conocimiento|sentido)",
    # breathing, chest, clot in the lungs
    r"no (?:puedo|puede|podia|podemos|he podido|ha podido) (?:ver|orinar|hacer pipi)",
    r"no (?:puedo|puede|podia|podemos|he podido|ha podido) respirar"
    r"(?! sol[oa]| por si| sin (?:el |la |su )?(?:ventilador|oxigeno|aparato|maquina))",
    r"(?:me |le )?(?:falta|faltaba|cuesta|costaba) (?:el |la )?(?:aire|respiracion|respirar)",
    r"falta de aire",
    r"no (?:me |le )?entra (?:el )?aire",
    r"pecho (?:muy |bien )?apretado",
    r"dificultad para (?:respirar|hablar|tragar)",
    r"respira (?:muy |bien )?(?:rapido|agitado|con dificultad)",
    r"(?:me |se |le )ahog\w*",
    r"ahogando",
    r"(?:me |se )(?:quedo|queda|quede) sin aire",
    r"dolor (?:en el|de|del) pecho",
    r"(?:presion|opresion|punzadas?|piquetes) en el pecho",
    r"(?:me |le )duele " + _MUY + r"el pecho",
    r"tos con sangre",
    r"(?:toso|tose|tosi|tosio|tosiendo|escupo|escupe|escupi|escupio|escupiendo) sangre",
    r"(?:echando|sale|salio|salia|saliendo) sangre",
    r"sangr(?:a|an|ando|o)",
    # allergy
    r"ronchas?",
    r"urticaria",
    r"sarpullido",
    r"salpullido",
    r"(?:me |le )pica " + _MUY + r"(?:todo|toda|mucho)",
    r"granos? rojos?",
    r"granitos?(?: rojos?)?",
    r"ronchitas",
    r"comezon (?:por|en) todo",
    r"(?:cierra|cerrando|cerro) la garganta",
    r"garganta (?:cerrada|hinchada)",
    r"reaccion alergica",
    r"hinchad\w*",
    r"hinch(?:o|aron|ando|azon)",
    r"inflamad[oa]s?",
    r"se (?:me |le )inflam\w+",
    r"labios (?:hinchados|morados|azules)",
    r"morad[oa]s?",
    r"(?:labios|dedos|unas|cara|piel) (?:se (?:me |le )?(?:puso|pusieron) )?azul(?:es)?",
    # hot, red, spreading, pus: joint and skin infection
    r"(?:esta|estan|siento|siente|sienten|se siente|se sienten|muy|bien|super|y|e|roj[oa]s?|"
    + _ES_BODY[3:-1]
    + r") calientes?",
    r"caliente al tacto",
    r"como (?:un |una )?(?:globo|pelota|toronja|naranja|melon)",
    r"calientita",
    _ES_BODY + r" (?:esta |estan |se ve |se puso |se pusieron )?" + _MUY + r"roj[oa]s?",
    r"(?:esta|estan|se (?:me |le )?(?:puso|pusieron|ve|ven|esta poniendo|estan poniendo)|poniendo) "
    + _MUY
    + r"roj[oa]s?",
    r"(?:lo|la|los|las) (?:tengo|tiene) " + _MUY + r"(?:roj[oa]s?|hinchad[oa]s?|calientes?|morad[oa]s?)",
    r"se (?:me |le )?(?:puso|pusieron|esta poniendo|ve) negr[oa]s?",
    r"rojisim[oa]s?",
    r"enrojecid[oa]s?",
    r"enrojecimiento",
    r"rojez",
    r"(?:rayas|lineas|manchas) rojas",
    r"se (?:me |le )?(?:esta |va )?extendiendo",
    r"se (?:me |le )?extiende",
    r"cada (?:vez|dia|hora) (?:mas )?(?:grande|roj[oa]|hinchad[oa]|peor)",
    r"(?:me |le )?arden? " + _MUY + r"(?:el |los |la )?(?:ojos?|herida|rodilla|zona|piel)",
    r"(?:me|le) arden?(?! la garganta| el estomago| la boca del estomago)",
    r"pus",
    r"supura\w*",
    r"(?:sale|salio|saliendo|escurre|escurriendo|chorrea) (?:liquido|agua|pus|sangre)",
    r"mal olor",
    r"huele " + _MUY + r"(?:mal|feo)",
    r"apesta",
    r"infeccion",
    r"infectad[oa]s?",
    r"infectando",
    r"absceso",
    r"septicemia",
    # head, neck, light: meningitis after a spinal injection
    r"dolor de cabeza",
    r"(?:me|le) duel[ae]n? " + _MUY + r"(?:fuerte |horrible )?la cabeza",
    r"(?:la )?cabeza (?:me |le )?(?:va a |quiere )?(?:explotar|estalla|explota)",
    r"cuello (?:rigido|tieso|duro)",
    r"rigidez (?:de|en el|del) cuello",
    r"no (?:puedo|puede) (?:mover|doblar|agachar) el cuello",
    r"la luz (?:me |le )?(?:molesta|lastima|duele)",
    r"(?:me|le) (?:molesta|lastima) " + _MUY + r"la luz",
    r"(?:sensible|sensibilidad) a la luz",
    r"no (?:soporto|soporta|aguanto|aguanta) la luz",
    # eyes
    r"(?:vision|vista) (?:muy |bien )?(?:borrosa|nublada|turbia|oscura|doble)",
    r"(?:veo|ve|viendo) (?:todo )?(?:borroso|nublado|doble|oscuro|manchas|manchitas|luces|destellos|sombras|moscas)",
    r"(?:veo|ve|viendo) (?:todo )?(?:como )?(?:con )?(?:niebla|neblina|humo)",
    r"(?:veo|ve|viendo) (?:como )?(?:una |unas |un )?(?:sombra|sombras|cortina|telarana|mancha negra|manchas negras)",
    r"casi no (?:veo|ve|puedo ver|puede ver)",
    r"borros[oa]",
    r"se (?:me |le )?(?:nublo|nubla|oscurecio|oscurece) la vista",
    r"no veo (?:nada|bien)",
    r"ya no (?:veo|ve)",
    r"cortina (?:negra|oscura)",
    r"me duelen? " + _MUY + r"(?:el |los )?ojos?",
    r"dolor (?:en el|de|del|de los) ojos?",
    # pain, confusion, stroke signs, feeling very unwell
    r"dolor (?:muy )?(?:insoportable|horrible|terrible|espantoso|intenso|fuertisimo|severo|tremendo)",
    # "estoy confundida con tanta información" is about information (as in English): first-person confusion needs a
    # tie to a treatment or an acute word (CHRONIC_ES); "mi mamá está confundida desde la inyección" is a sign.
    r"(?<!estoy )(?<!estoy muy )(?<!estoy bien )(?<!estoy tan )(?<!estoy un poco )(?<!estoy super )(?<!me siento )"
    r"(?<!me siento muy )(?<!me siento bien )(?<!me siento un poco )(?<!ando )(?<!ando muy )(?<!ando bien )"
    r"(?<!me tiene )(?<!me tienen )(?<!me dejo )(?<!me deja )(?<!me dejan )(?<!me dejaron )(?<!quede )"
    r"confundid[oa]s?(?! con| por| sobre| acerca| de que| en cuanto| entre)",
    r"desorientad[oa]s?",
    r"no (?:sabe|se) (?:donde|en donde|ni donde) (?:esta|estoy)",
    # ... but "el FDA no lo reconoce" (a regulator, a law or an insurer not recognising a product) is no sign.
    r"(?<!fda )(?<!ema )(?<!cofepris )(?<!gobierno )(?<!ley )(?<!seguro )(?<!aseguradora )"
    r"no (?:me |nos |la |lo |les )?(?:reconoce|reconocia|reconocio)",
    r"adormilad[oa]s?",
    r"no (?:contesta|responde|reacciona)",
    r"(?:habla|hablando|hablaba|dice|diciendo|decia) (?:muy )?(?:cosas )?"
    r"(?:raro|raras|chistoso|sin sentido|incoherente|incoherencias|arrastrado)",
    r"arrastra (?:las palabras|la lengua)",
    r"se (?:me |le )?(?:traba|trabo|esta trabando) la lengua",
    r"no se le entiende",
    r"boca (?:chueca|torcida|de lado)",
    r"se (?:le |me )?(?:cayo|chueco|torcio) (?:un lado de )?la (?:cara|boca)",
    r"(?:anda|esta|actua) (?:como )?" + _MUY + r"(?:raro|rara|ido|ida|perdido|perdida)",
    r"no sabe (?:ni )?(?:que dia|quien|en que)",
    r"somnolient[oa]s?",
    r"no (?:lo |la |me |le )?(?:podemos |puedo |pude )?despert(?:ar|amos|o|a)",
    r"no despierta",
    r"(?:me|se) siente " + _MUY + r"mal(?! por| de que| de haber| con)",
    r"(?:me siento|me sentia|se sentia) " + _MUY + r"mal(?! por| de que| de haber| con)",
    r"no me siento bien",
    r"(?:me hice|se hizo) (?:pipi|encima)",
    r"(?:me orine|se orino)",
]
CHRONIC_ES = [
    r"(?:estoy|me siento|ando) (?:muy |bien |tan |un poco |super )?confundid[oa]s?"
    r"(?! con| por| sobre| acerca| de que| en cuanto| entre)",
    r"debil(?:es|idad)?",
    r"sin fuerzas? en",
    r"dormid[oa]s",
    r"(?:pierna|brazo|cara|mano|pie|boca) dormid[oa]",
    r"entumecid\w+",
    r"entumid\w+",
    r"adormecid\w+",
    r"hormigueo",
    r"se (?:me |le )?(?:durmio|durmieron|duerme|duermen|entumio|entumieron|adormecio) (?:la|las|el|los|un|una|media)",
    r"convulsion\w*",
    r"no (?:puedo|puede|podia|pudo) (?:caminar|moverse|mover|levantar|pararme|pararse|levantarme|levantarse|"
    r"sostenerme|sostenerse|apoyar|doblar)",
    r"no (?:me|se) (?:puedo|puede) (?:levantar|parar|mover|sostener)",
    r"no (?:siento|siente|sentia) (?:bien )?(?:las |la |el |los |mis |sus )?"
    r"(?:piernas|pierna|brazos|brazo|pies|pie|manos|mano|cara)",
    r"(?:me|le) duel[ae]n?",
    r"(?:mucho|muchisimo|demasiado|tanto|harto) dolor",
    r"dolor (?:muy )?fuerte",
    r"temblores",
    r"temblando",
    r"tiembl\w+",
    r"nauseas",
    r"perd(?:i|io|iendo|iste) la (?:vista|vision)",
    r"ceguera",
    r"cieg[oa]s?",
    r"paralisis",
    r"paralizad\w+",
    r"derrame(?: cerebral)?",
    r"embolia",
    r"infarto",
    r"incontinencia",
    # "le cuesta orinar", "se le duermen las piernas" months after cells in the spine (2026-12-01)
    r"(?:me|le|nos) cuesta (?:orinar|hacer pipi|caminar|mover|pararse|pararme|sentir)",
    r"no (?:puedo|puede|podia|pudo) (?:hablar|tragar)",
    r"(?:me|le) punza",
    r"se (?:me |le )sale la (?:pipi|orina)",
    r"no (?:puedo|puede) (?:controlar|aguantar|detener|retener) (?:la pipi|la orina|el pipi)",
    r"hinchan?",
    r"hincharse",
    r"mucha tos",
    r"tosiendo",
    r"diarrea",
    r"migrana",
]

# English and Spanish signs are two patterns: one alternation of both is past a size where Python's regex engine
# stops skipping quickly over positions that cannot start a sign (ten times slower on 5,000 characters).
STRONG = re.compile(r"\b(?:" + "|".join(STRONG_EN) + r")\b")
STRONG_SPANISH = re.compile(r"\b(?:" + "|".join(STRONG_ES) + r")\b")
CHRONIC = re.compile(r"\b(?:" + "|".join(CHRONIC_EN + CHRONIC_ES) + r")\b")

# People a report is about: the writer or someone they care for. ("they" is left out: in this
# conversation it is usually the clinic.)
PERSON_WORDS = frozenset(
    """i i'm im i've ive i'd me my mine myself we we're our us he he's she she's his her him hers
    mom mum mom's mum's mother mother's dad dad's father father's husband husband's wife wife's son son's
    daughter daughter's brother brother's sister sister's baby baby's grandma grandpa grandmother grandfather
    partner partner's kid kid's child child's uncle aunt grandson granddaughter
    tengo tiene tuve tuvo estoy esta estan me mi mis le les se su sus siento hijo hija mama papa esposo esposa
    nos nuestro nuestra yo ella puedo ando anda traigo trae amaneci amanecio suegra suegro abuela abuelo abuelita
    abuelito tia tio hermano hermana novio novia pareja hijos hijas nieto nieta bebe padre madre marido mami papi
    jefa jefita jefito""".split()
)
# Verbs of a present state: in a question, a person plus one of these right before a sign is a report
# ("can you help, my mom has a fever?"), unlike "can I get an infection?".
STATE_WORDS = frozenset(
    """has have is are am feel feels feeling got keeps keep been having looks look
    tengo tiene esta estoy siento estan tienen ando anda traigo trae amaneci amanecio sigo sigue siente""".split()
)
STATE_ENDINGS = ("'s", "'m", "'ve", "'re")
# What a treatment is called; "after/since" one of these ties a sign to it.
TREATMENT_WORDS = frozenset(
    """injection injections injected infusion infusions drip iv ivs shot shots treatment treatments
    procedure procedures cells stem therapy liposuction lipo harvest puncture epidural intrathecal
    exosome exosomes session sessions draw transplant
    inyeccion inyecciones infusion infusiones suero sueros tratamiento tratamientos celulas procedimiento liposuccion
    aplicacion aplicaciones sesion sesiones terapia terapias puncion trasplante exosomas inyectaron inyecto pusieron
    aplicaron picaron""".split()
)
# A sentence that tells a treatment was done to someone ("He injected the cells into my back.", "I had my
# infusion on Monday.", "me inyectaron en la rodilla"): a treatment word, a person or determiner, and a word
# that says it happened. A long-standing sign in a LATER sentence of the same message is then tied to it ("My
# legs are tingling."), as "since the injection" ties it within a sentence.
# Long ago is history, not news: "I got stem cells two years ago. My back pain is the same."
LONG_AGO = re.compile(r"\b(?:years?|months?|anos?|meses|ano pasado|last (?:year|month)|el ano|hace mucho)\b")
DONE_WORDS = frozenset(
    """injected infused had got received gave given put did underwent ago yesterday last tonight proceeded
    inyectaron inyecto pusieron puso aplicaron aplico hicieron hizo ayer pasado pasada""".split()
)
LINK_WORDS = frozenset("after since following from desde despues tras luego".split())
# Between "after/since" and the treatment, one of these makes it a particular treatment: "after my infusion",
# "since the injection", "since they injected", but not "after an infusion" or "after stem cells" (general).
DETERMINERS = frozenset(
    """the my his her their our this that these those they yesterday's today's last mom's dad's
    la el del mi su sus las los mis este esta esa ese nuestra nuestro tu que me le""".split()
)
# The place of a treatment: "the injection site is bleeding".
SITE = re.compile(
    r"\b(?:(?:injection|harvest|lipo|liposuction|iv|puncture|drip|marrow) (?:site|area|spot|wound)"
    r"|where (?:they|the) (?:injected|took|put|drip)|the injected|they injected|injected (?:it|my|his|her)"
    r"|around the (?:shot|injection|needle|site|puncture)"
    r"|(?:sitio|zona|area|lugar|parte) (?:de|donde) (?:la |me |le )?"
    r"(?:inyeccion|puncion|inyectaron|pusieron|picaron|aplicacion)"
    r"|(?:ojo|rodilla|brazo|hombro|cadera|zona|pierna|espalda|tobillo|codo|articulacion) "
    r"(?:inyectad[oa]|infiltrad[oa]|tratad[oa])"
    r"|herida|piquete|alrededor de (?:la )?(?:inyeccion|puncion|herida|aguja)"
    r"|(?:donde|que) (?:me |le |nos |les )?(?:inyectaron|pusieron|picaron|aplicaron|sacaron|trataron|operaron))\b"
)
# Words that say "now": they make a sign current.
PRESENT = re.compile(
    r"\b(?:now|right now|today|tonight|this (?:morning|afternoon|evening|week)|last night|yesterday|"
    r"since then|currently|at the moment|still|suddenly|sudden|all of a sudden|just now|keeps?|won'?t stop|"
    r"getting worse|new|started|hoy|ahora|ahorita|anoche|ayer|todavia|aun|sigue|sigo|de repente|de pronto|de golpe|"
    r"de la nada|de un dia (?:para|a) otro|"
    r"esta (?:manana|tarde|noche)|amaneci|amanecio|empezo|empece|comenzo|cada vez mas)\b"
)
# Stronger "now" words that override past history in the same clause ("years ago ... and now").
PRESENT_OVERRIDE = re.compile(
    r"\b(?:now|right now|today|tonight|this (?:morning|afternoon|evening|week)|since then|currently|"
    r"at the moment|hoy|ahora|ahorita|esta (?:manana|tarde|noche|semana)|desde (?:entonces|ayer|anoche)|todavia)\b"
)
# Clearly new or acute: lets a long-standing kind of sign (weakness, seizure) count without a treatment link.
ACUTE = re.compile(
    r"\b(?:right now|suddenly|sudden|all of a sudden|just now|this morning|tonight|started|getting worse|new|"
    # "my legs are getting (more) numb", "keeps getting weaker", "more and more tingly": a sign that is growing
    r"(?:getting|gets|growing) (?:more |really |very |so |even )?(?:numb|weak|weaker|worse|tingly|stiff|heavy|swollen)|"
    r"(?<=more and )more|(?<=worse and )worse|"
    r"(?:\d{1,3}|a few|few|several|an?|one|two|three|twenty|thirty) (?:minutes?|hours?) ago|"
    r"de repente|de pronto|de golpe|de la nada|de un dia (?:para|a) otro|repentin[oa]|ahorita|esta manana|"
    r"empezo|empece|comenzo|amaneci|amanecio|"
    r"cada vez (?:mas|peor)|empeor\w+|"
    r"hace (?:un rato|unos minutos|una hora|un par de horas|(?:\d{1,3}|unas|dos|tres|pocas) (?:minutos|horas)))\b"
)
# Before a sign in the same clause, these make it a question about risk, a hypothesis or hearsay.
HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|risks?|chances?|cause|causes|causing|could|might|may|would|will|possible|possibility|"
    r"side effects?|signs? of|symptoms? of|what does|what do|how would|prevent|avoid|warning signs|"
    r"worr(?:y|ied) about|concerned about|read about|heard about|heard of|read that|heard that|news|article|"
    r"know about|knowing about|learn(?:ed|t)? about|"
    r"ask(?:s|ed|ing)? (?:me )?about|"
    r"si (?:tengo|tiene|tienen|me|le|les|hay|da|mi|mis|su|sus|el|la|los|las|alguien|uno|llego|llega|presento|presenta|"
    r"aparece|aparecen|sale|salen|empiezo|empieza|siento|siente|noto|nota|tuviera|tuviese)|en caso de|"
    r"pueden? (?:causar|dar|provocar|haber|ser|tener|salir|pasar|generar|producir|presentar|aparecer|venir|que|dejar|"
    r"quedar)|puedo (?:tener|presentar|sentir|quedar|quedarme)|podria\w*|causa[nr]?|provoca[nr]?|riesgos?|posibles?|"
    r"posibilidad|efectos? (?:secundarios?|adversos?)|sintomas? de|senales? de|complicaciones|"
    r"(?:me |nos |le )?preocupan? (?:que|el|la|los|las|una?|tener|quedar)|preocupad[oa]s? (?:por|de)|miedo|temor|"
    r"evitar|prevenir|(?:lei|escuche|oi|vi) (?:que|sobre|de|una|un)|noticias?|articulo|reportaje)\b"
)
# Right before a sign: the sign is what something was tested for ("the donor mother was screened and tested
# for infections", "negative for hepatitis"), not something a person has.
TESTED_FOR = re.compile(
    r"\b(?:(?:tested|screened|checked|test|tests|testing|screening|screen|checks)(?: [a-z']+){0,3}|negative|cleared|"
    r"clear) for\b"
    r"|\b(?:pruebas?|analisis|examen(?:es)?|estudios?|tamizaje|negativ[oa]s?|libres?) (?:de|para|a)\b"
    r"|\b(?:revis|chec|descart|analiz|busc)(?:aron|an|o|a)\b"
)
# "Sick", "ill", "unwell": inside a clinic check usually the illness the treatment is for ("my mom is sick and
# we feel pressured"), so there it counts only tied to a treatment or with an acute word, like CHRONIC signs.
GENERIC_ILLNESS = re.compile(r"\b(?:sick|ill|unwell|mal)$")
# Right after a sign, its cause: an illness ("her knee is swollen from arthritis") makes it part of a long-standing
# condition, like CHRONIC signs; a treatment ("swollen from the injection") does not (bot/urgent.py checks the word).
CAUSE_AFTER = re.compile(
    r" (?:from|due to|because of|caused by|debido a|a causa de|por culpa de|"
    r"por(?! todo| toda| todos| todas| dentro| fuera| encima| debajo| la noche| la manana| la tarde| el dia| horas|"
    r" dias| un rato| eso| favor| momentos| ratos| lo que))"
    r" (?:my |his |her |the |an? |mi |su |sus |mis |la |el |los |las |una? )?([\w']+)"
)
# Right after a sign: the sign names a test ("my brother had all the infection tests").
TEST_AFTER = re.compile(r" (?:tests?|testing|screening|screens?|panels?|markers?)\b")
# Before a sign: the sign is what a treatment is said to fix ("cures blindness", "help her seizures").
TREATS = re.compile(
    r"\b(?:cure[sd]?|treat(?:s|ed|ing)?|reverse[sd]?|fix(?:es)?|help(?:s)?|improve[sd]?|"
    r"cura[nr]?|curaron|curo|revierte[nr]?|revertir|sirven? para|ayuda[nr]? (?:con|para|a)|tratan? (?:el|la|los|las)|"
    r"tratar (?:el|la|los|las))\b"
)
# "<clinic> says/claims ..." before a sign: a claim, not a report.
CLAIM_VERB = re.compile(
    r"\b(?:said|says|say|claim|claims|claimed|told|tell|tells|promise[sd]?|guarantee[sd]?|shows?|showed|"
    r"mentions?|mentioned|lists?|listed|warned|warns|dice|dijo|dijeron|asegura|aseguro|promete|prometio|garantiza|"
    r"menciona|afirma|comenta|explica|explico|habla)\b"
)
# Claims in Spanish whose verb names its subject ("they": "dicen", "me dijeron", "según"): no subject word needed.
CLAIM_ALONE = re.compile(
    r"\b(?:dicen|dijeron|decian|aseguran|aseguraron|prometen|prometieron|garantizan|garantizaron|mencionan|mencionaron|"
    r"afirman|afirmaron|comentan|comentaron|explicaron|segun|supuestamente)\b"
)
CLAIM_SUBJECTS = frozenset(
    """they it clinic website site brochure form ads ad video videos staff nurse doctor doctors salesman
    seller page their clinic's clinica pagina folleto doctor doctora medico medica enfermera enfermero vendedor
    vendedora asesor asesora personal ellos anuncio anuncios web consentimiento formato formulario contrato documento
    hoja publicidad""".split()
)
NEGATIONS = frozenset(
    "no not without never don't didn't doesn't hasn't haven't isn't aren't nor "
    "sin ni nunca nada ningun ninguna ninguno tampoco jamas".split()
)
# Spanish words that sit between a negation and the sign without changing it ("no le ha dado fiebre"): not counted
# in the window where a negation counts.
NEGATION_GLUE = frozenset("me te se le les nos lo la los las ha han has hemos haya hayan".split())
# Past history in the same clause ("two years ago", "in 2012", "as a child").
HISTORY = re.compile(
    r"\b(?:years? ago|decades? ago|last (?:year|winter|summer|spring|fall|autumn)|in (?:19|20)\d\d|"
    r"as a (?:child|kid|teenager|baby)|when (?:i|he|she|we) was|since (?:i|he|she) was|since birth|in the past|"
    r"used to|history of|for (?:years|months|a long time|ages|decades)|"
    r"hace (?:\w+ ){0,2}anos|hace (?:unos |varios |muchos )?meses|(?:desde )?hace (?:mucho )?tiempo|el ano pasado|"
    r"el (?:invierno|verano|otono) pasado|la primavera pasada|en (?:19|20)\d\d|"
    r"de (?:nin[oa]|chic[oa]|chiquit[oa]|pequen[oa]|bebe|joven)|"
    r"cuando (?:era|eramos|estaba) (?:nin[oa]|chic[oa]|joven|bebe|pequen[oa])|de nacimiento|desde que naci[o]?|"
    r"toda la vida|antecedentes? de|historial de|por anos|durante anos|solia)\b"
)
# It got better: "but he was fine", "went away".
# "... had a fever last week but it was just the flu, he's fine now": a sign someone had (past tense), over by the
# end of the same sentence (bot.urgent reads RESOLVED across the sentence for such a clause).
HAD_SIGN = re.compile(r"\b(?:had|got|caught|tuvo|tuve|tuvimos|le dio|me dio)\b")
FINE_NOW = re.compile(
    r"\b(?:(?:he|she|i|we|they)(?:'s|'m|'re| is| am| are| was| were)|(?:is|are|was|were)) (?:fine|ok|okay|better|well)"
    r"(?: now)?\b|\bya (?:esta|estoy|estamos|estan) (?:bien|mejor)\b"
)
RESOLVED = re.compile(
    r"\b(?:(?:was|were|is|felt|feel|feels) (?:fine|ok|okay|better|great)|went away|gone now|it helped|went well|"
    r"recovered|ya se (?:me |le )?(?:quito|paso|fue)|se (?:me |le )?quito|ya paso|ya (?:estoy|esta|estamos) "
    r"(?:bien|mejor)|se recupero|me recupere|(?:estuvo|estaba|quedo|quede|salio|sali) bien|todo bien|"
    r"todo salio bien)\b|"
    # "my friend had a headache for a day after hers": over ("I've had a fever for two days" is not)
    r"(?<!'ve )(?<!have )(?<!has )(?<!'s )\bhad (?:a |an )?\w+ for (?:a|one|two|a few|a couple of) (?:hours?|days?)\b"
)
# A sign that comes and goes ("a veces veo borroso cuando me da un brote"): part of a long-standing condition unless
# tied to a treatment.
EPISODIC = re.compile(
    r"\b(?:a veces|de vez en cuando|cada (?:que|vez que)|cuando me da|cuando le da|sometimes|now and then)\b"
)
# "¿Se me va a quitar la fiebre?": asking when something goes away says one has it now.
GOING_AWAY = re.compile(
    r"\bse (?:me |le |nos )(?:va a |van a |puede )?(?:quita|quitan|quitar|pasa|pasan|pasar|baja|bajar)\b"
    r"|\b(?:when will|how long (?:until|before)) (?:my|his|her|the) \w+ (?:go away|go down|stop)\b"
)
# "Is X normal ...?", "should I be worried that ..." — someone checking what they feel now.
NORMAL_WORD = re.compile(r"\b(?:normal|ok|okay|common|expected|usual|to be expected|comun|de esperarse|esperado)\b")
NORMAL_PHRASE = re.compile(
    r"\b(?:is|are|es) (?:it |this |that |these |those |esto |eso )?(?:normal|ok|okay|common|expected|usual)\b"
    r"|\b(?:es|sera|seria|esta) (?:esto |eso )?(?:normal|comun|de esperarse|esperado|bien) (?:que|tener|sentir|estar)\b"
    # "is that part of it?", "probably nothing?", "should I worry?": the same check on what someone feels now
    r"|\b(?:is|are) (?:it |this |that |these |those )?(?:just )?part of "
    r"(?:it|the (?:process|healing|recovery|treatment))\b"
    r"|\bprobably nothing\b|\b(?:nothing|anything) to worry about\b|\bshould (?:i|we) (?:be )?worr(?:y|ied)\b"
    r"|\b(?:es|sera) parte del? (?:proceso|tratamiento|recuperacion)\b|\bme (?:debo|deberia) preocupar\b"
)
WORRY_THAT = re.compile(
    r"\b(?:should|do|must) (?:i|we) (?:be )?(?:worried|worry|concerned|panic)(?: that| because)\b"
    r"|\b(?:debo|deberia|tengo que|hay que) (?:de )?preocupar(?:me|nos)? (?:de )?que\b|\bes (?:grave|peligroso) que\b"
)
QUESTION_START = re.compile(
    r"^(?:what|how|can|could|do|does|did|is|are|will|would|should|why|which|who|es|puede|pueden|"
    r"que|como|cual|cuales|cuando|cuanto|cuantos|cuanta|cuantas|hay|debo|deberia|podria|podrian|donde|quien"
    # "has anyone done studies on back pain", "have there been cases": a question even without its "?"
    r"|(?:has|have) (?:anyone|anybody|any|there|other|people|you|they)|(?:is|are) there)(?= |$)"
)
# Where one clause ends and another starts inside a sentence ("they said no risk, but my legs are numb").
CLAUSE_BREAK = re.compile(r"\b(?:but|however|anyway|also|pero|aunque|sin embargo|ademas)\b|\band now\b|\by ahora\b|;")
# ", is there any reason ...?": the question starts here; what comes before it is a statement.
QUESTION_AFTER_COMMA = re.compile(
    r", (?=(?:what|how|can|could|do|does|is|are|will|would|should|why|when|where|which|who|es|que|como|cuando|cuanto|"
    r"debo|hay|puede|pueden|por que)\b)"
)
# "Who do I call, my vision went blurry after the eye injection?": a short question first, then what happened. The
# part after the comma starts with who it happened to (or "since/after") and is read as a statement.
STATEMENT_AFTER_COMMA = re.compile(
    r", (?=(?:my|his|her|our|i|i'm|im|i've|ive|he|she|he's|she's|we|we're|since|after|mi|mis|me|le|se|ella|el|"
    r"desde|despues)\b)"
)
SHORT_QUESTION_WORDS = 7  # at most this many words in the question before such a statement
# A question that asks what to do about a sign ("what should I do if I have a fever after the infusion?", "how do
# I manage chills after my IV?", "¿qué hago si me da fiebre después del suero?"): with a treatment named, its answer
# starts with urgent care whether or not the sign is there yet, so its "if" does not make the sign a hypothesis.
WHAT_TO_DO = re.compile(
    r"\bwhat (?:should|do|can|must|shall) (?:i|we|he|she|they) do\b|\bwhat to do\b|"
    r"\bwhat is the best thing to do\b|"
    r"\bhow (?:should|do|can|would) (?:i|we) (?:treat|manage|handle|deal with|bring down|lower|get rid of)\b|"
    r"\bhow to (?:treat|manage|handle|deal with|bring down|lower|get rid of)\b|"
    r"\bmanag(?:e|ing|ement)(?: approach)? (?:for|of) (?:a|the|my|our|this) (?:patient|person|woman|man|child)\b|"
    r"\bque (?:hago|hacemos|hacer|debo hacer|debemos hacer|puedo hacer|podemos hacer|se debe hacer|se hace|le hago)\b|"
    r"\bcomo (?:le )?(?:trato|tratar|controlo|controlar|manejo|manejar|bajo|bajar|quito|quitar)\b"
)
# The hypothesis words that a what-to-do question does not turn into a hypothesis, unless a sign still to come
# follows (ONSET): "if I have", "if she passed out", "si tengo" are reports; "if I get", "si me llega a dar" are not.
IF_FORM = re.compile(r"if|in case|en caso de|si \w+")
ONSET = re.compile(
    r"(?:if|in case|en caso de|si)(?: \w+){0,3}? (?:get|gets|getting|develop|develops|ever|happens?|were to|start to|"
    r"starts to|begin to|begins to|da|diera|llega a|llego a|llegara|empieza a|empiezo a|sale|salen|presenta)\b"
)
# A what-to-do question about later or about planning is a question, not a report: "...if I have a fever before my
# infusion?", "...during the infusion", "...next week", "if I have questions about fever".
LATER = re.compile(
    r"\b(?:before|during|next|tomorrow|later|upcoming|planned|scheduled|questions?|antes|durante|proxim[ao]|manana|"
    r"dudas?|preguntas?)\b"
)
# "...had cells injected in her knee and now it is more swollen?": what follows "and now" is the asker's own news.
AND_NOW = re.compile(r"\band now\b|\by ahora\b")
SENTENCE_BREAK = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)|\n")  # only from a run's start: linear on "....x"
TOKEN = re.compile(r"[\w']+|,")
