namespace ProtectionBot.Tests.Courses;

/// <summary>A question a defender might type, the course and question type it is about, and facts the reply must state.</summary>
public sealed record CourseQuestion(string Language, string Question, string Course, string Type, params string[] Facts)
{
    public const string Faq = "faq";

    public override string ToString() => $"{Language}: {Question}";
}

/// <summary>
/// The questions course staff answer most, in the three languages, each topic for each of the three courses the
/// staff follow. <see cref="HeldOut"/> holds paraphrases written apart from the word lists (typos, no accents, other
/// word orders, synonyms): they check that matching generalises rather than repeats the lists.
/// </summary>
internal static class CourseQuestionSet
{
    private const string Iachr = "iachr-hrd-course";
    private const string Hrdap = "ishr-hrdap";
    private const string Regional = "ishr-regional-trainings";

    public static IReadOnlyList<CourseQuestion> Common() =>
    [
        // Spanish
        new CourseQuestion("es", "¿Cuándo es el curso de la CIDH?", Iachr, "dates", "9 de diciembre de 2019", "Washington D. C.", "ya pasó"),
        new CourseQuestion("es", "¿Hasta cuándo puedo inscribirme al curso de la CIDH?", Iachr, "deadline", "cerrada", "27 de septiembre de 2019, a las 23:59", "America/New_York, UTC-04:00", "No se conoce ninguna edición abierta"),
        new CourseQuestion("es", "¿Quién puede postular al curso de la CIDH?", Iachr, "eligibility", "Estados miembros de la OEA"),
        new CourseQuestion("es", "¿A quiénes da prioridad el curso de la CIDH?", Iachr, "selection", "Honduras", "Brasil", "LGBTI"),
        new CourseQuestion("es", "¿Cuántas plazas tiene el curso de la CIDH?", Iachr, "places", "60"),
        new CourseQuestion("es", "¿Cuánto cuesta el curso de la CIDH?", Iachr, "cost", "Gratuito"),
        new CourseQuestion("es", "¿Hay becas para el curso de la CIDH?", Iachr, "scholarships", "siete becas", "país prioritario"),
        new CourseQuestion("es", "¿En qué idioma es el curso de la CIDH?", Iachr, "language", "solo en español"),
        new CourseQuestion("es", "¿Qué etapas tiene el curso de la CIDH?", Iachr, "stages", "Semana presencial", "transmisión de conocimientos"),
        new CourseQuestion("es", "¿Dan certificado en el curso de la CIDH?", Iachr, "certificate", "certificado de participación"),
        new CourseQuestion("es", "¿Qué obligaciones tengo después del curso de la CIDH?", Iachr, "obligations", "diez personas", "cuatro horas", "60 días"),
        new CourseQuestion("es", "¿Cómo me inscribo en el curso de la CIDH?", Iachr, "how-to-apply", "formulario en línea"),
        new CourseQuestion("es", "¿Cuál es el contacto del curso de la CIDH?", Iachr, "contact", "oas.org"),
        new CourseQuestion("es", "¿Cuándo cierra la convocatoria del programa de Ginebra del ISHR?", Hrdap, "deadline", "15 de enero de 2026", "Europe/Zurich, UTC+01:00"),
        new CourseQuestion("es", "¿Cuánto cuesta el HRDAP?", Hrdap, "cost", "3000 francos suizos", "no se ha podido confirmar"),
        new CourseQuestion("es", "¿En qué idioma es el programa HRDAP?", Hrdap, "language", "inglés"),
        new CourseQuestion("es", "¿Qué criterios de selección usa el ISHR para el programa de Ginebra?", Hrdap, "selection", "incidencia", "inglés"),
        new CourseQuestion("es", "¿Cuáles son los criterios de selección de las formaciones regionales del ISHR?", Regional, "selection", "tus planes", "no se ha podido confirmar"),
        new CourseQuestion("es", "¿Las formaciones regionales del ISHR tienen fechas?", Regional, "dates", "no tiene fechas fijas"),
        new CourseQuestion("es", "¿Cómo postulo a las formaciones regionales del ISHR?", Regional, "how-to-apply", "ishr.ch"),
        new CourseQuestion("es", "¿Hay becas para el HRDAP?", Hrdap, "scholarships", "becas totales o parciales", "no se ha podido confirmar"),
        new CourseQuestion("es", "¿Qué etapas tiene el programa de Ginebra?", Hrdap, "stages", "Formación a distancia", "Etapa en Ginebra", "Consejo de Derechos Humanos"),
        new CourseQuestion("es", "¿Cuántas personas se postularon al curso de la CIDH?", Iachr, CourseQuestion.Faq, "2953"),
        new CourseQuestion("es", "¿Habrá curso de la CIDH en 2027?", Iachr, CourseQuestion.Faq, "no se ha encontrado"),
        new CourseQuestion("es", "¿Qué temas tiene este año el HRDAP?", Hrdap, CourseQuestion.Faq, "retroceso democrático"),
        new CourseQuestion("es", "¿Puedo postular al curso de la CIDH si vivo en Brasil?", Iachr, "eligibility", "Brasil está entre los países que pueden postular", "Brasil es uno de los países prioritarios"),
        new CourseQuestion("es", "¿Cómo contacto al ISHR por las formaciones regionales?", Regional, "contact", "formulario de contacto", "no se ha podido confirmar"),

        // French
        new CourseQuestion("fr", "Quand a lieu la formation de la CIDH ?", Iachr, "dates", "9 décembre 2019", "Washington"),
        new CourseQuestion("fr", "Quelle est la date limite pour s'inscrire à la formation de la CIDH ?", Iachr, "deadline", "closes", "27 septembre 2019 à 23h59", "America/New_York, UTC-04:00"),
        new CourseQuestion("fr", "Qui peut postuler à la formation de la CIDH ?", Iachr, "eligibility", "États membres de l'OEA"),
        new CourseQuestion("fr", "Quelles sont les priorités de la formation de la CIDH ?", Iachr, "selection", "Honduras", "Brésil"),
        new CourseQuestion("fr", "Combien de places pour la formation de la CIDH ?", Iachr, "places", "60"),
        new CourseQuestion("fr", "Combien coûte la formation de la CIDH ?", Iachr, "cost", "Gratuite"),
        new CourseQuestion("fr", "Y a-t-il des bourses pour la formation de la CIDH ?", Iachr, "scholarships", "sept bourses"),
        new CourseQuestion("fr", "Dans quelle langue se déroule la formation de la CIDH ?", Iachr, "language", "uniquement en espagnol"),
        new CourseQuestion("fr", "Quelles sont les étapes de la formation de la CIDH ?", Iachr, "stages", "Semaine en présentiel", "transmission des connaissances"),
        new CourseQuestion("fr", "Est-ce qu'on reçoit un certificat à la formation de la CIDH ?", Iachr, "certificate", "attestation de participation"),
        new CourseQuestion("fr", "Quelles sont les obligations après la formation de la CIDH ?", Iachr, "obligations", "dix personnes", "quatre heures"),
        new CourseQuestion("fr", "Comment postuler à la formation de la CIDH ?", Iachr, "how-to-apply", "formulaire en ligne"),
        new CourseQuestion("fr", "Comment contacter la CIDH pour la formation ?", Iachr, "contact", "oas.org"),
        new CourseQuestion("fr", "Quand ferme l'appel du programme de Genève de l'ISHR ?", Hrdap, "deadline", "15 janvier 2026", "Europe/Zurich"),
        new CourseQuestion("fr", "Combien coûte le HRDAP ?", Hrdap, "cost", "3 000 francs suisses"),
        new CourseQuestion("fr", "En quelle langue est le programme HRDAP ?", Hrdap, "language", "anglais"),
        new CourseQuestion("fr", "Quels sont les critères de sélection du HRDAP ?", Hrdap, "selection", "plaidoyer"),
        new CourseQuestion("fr", "Qui peut participer aux formations régionales de l'ISHR ?", Regional, "eligibility", "Afrique"),
        new CourseQuestion("fr", "Les formations régionales de l'ISHR ont-elles des dates ?", Regional, "dates", "pas de dates fixes"),
        new CourseQuestion("fr", "Comment s'inscrire aux formations régionales de l'ISHR ?", Regional, "how-to-apply", "ishr.ch"),
        new CourseQuestion("fr", "Y a-t-il des bourses pour le HRDAP ?", Hrdap, "scholarships", "bourses complètes ou partielles"),
        new CourseQuestion("fr", "Quelles sont les étapes du programme de Genève ?", Hrdap, "stages", "Formation à distance", "Étape à Genève"),
        new CourseQuestion("fr", "Combien de personnes ont postulé à la formation de la CIDH ?", Iachr, CourseQuestion.Faq, "2 953"),
        new CourseQuestion("fr", "Y a-t-il des formations en arabe à l'ISHR ?", Regional, CourseQuestion.Faq, "Institut du Caire"),
        new CourseQuestion("fr", "Qui finance la formation de la CIDH ?", Iachr, CourseQuestion.Faq, "îles Baléares"),
        new CourseQuestion("fr", "Quand l'appel du HRDAP est-il publié ?", Hrdap, CourseQuestion.Faq, "novembre ou décembre"),
        new CourseQuestion("fr", "Je suis au Mexique, puis-je participer à la formation de la CIDH ?", Iachr, "eligibility", "Mexique est l'un des pays prioritaires"),

        // English
        new CourseQuestion("en", "When is the IACHR course?", Iachr, "dates", "9 December 2019", "Washington DC"),
        new CourseQuestion("en", "What is the deadline to apply for the IACHR course?", Iachr, "deadline", "closed", "27 September 2019 at 23:59", "America/New_York, UTC-04:00"),
        new CourseQuestion("en", "Who can apply to the IACHR course?", Iachr, "eligibility", "OAS member States"),
        new CourseQuestion("en", "Which countries get priority in the IACHR course?", Iachr, "selection", "Honduras", "Brazil"),
        new CourseQuestion("en", "How many places does the IACHR course have?", Iachr, "places", "60"),
        new CourseQuestion("en", "How much does the IACHR course cost?", Iachr, "cost", "Free"),
        new CourseQuestion("en", "Are there scholarships for the IACHR course?", Iachr, "scholarships", "seven scholarships", "travel and lodging"),
        new CourseQuestion("en", "What language is the IACHR course taught in?", Iachr, "language", "Spanish only"),
        new CourseQuestion("en", "What are the stages of the IACHR course?", Iachr, "stages", "In-person week", "Knowledge-transmission stage"),
        new CourseQuestion("en", "Do I get a certificate from the IACHR course?", Iachr, "certificate", "certificate of participation"),
        new CourseQuestion("en", "What are my obligations after the IACHR course?", Iachr, "obligations", "ten people", "four-hour"),
        new CourseQuestion("en", "How do I apply to the IACHR course?", Iachr, "how-to-apply", "online form"),
        new CourseQuestion("en", "How can I contact the IACHR about the course?", Iachr, "contact", "oas.org"),
        new CourseQuestion("en", "When does the call for the ISHR Geneva programme close?", Hrdap, "deadline", "15 January 2026", "Europe/Zurich"),
        new CourseQuestion("en", "How much does HRDAP cost?", Hrdap, "cost", "CHF 3,000", "not confirmed"),
        new CourseQuestion("en", "Is HRDAP taught in English?", Hrdap, "language", "English"),
        new CourseQuestion("en", "What are the selection criteria for HRDAP?", Hrdap, "selection", "advocacy"),
        new CourseQuestion("en", "Who can join the ISHR regional trainings?", Regional, "eligibility", "Africa"),
        new CourseQuestion("en", "When are the ISHR regional trainings?", Regional, "dates", "no fixed dates"),
        new CourseQuestion("en", "How do I apply for the ISHR regional trainings?", Regional, "how-to-apply", "ishr.ch"),
        new CourseQuestion("en", "Does HRDAP offer scholarships?", Hrdap, "scholarships", "full or partial"),
        new CourseQuestion("en", "What are the stages of the Geneva programme?", Hrdap, "stages", "Distance learning", "Geneva stage"),
        new CourseQuestion("en", "How many people applied to the IACHR course?", Iachr, CourseQuestion.Faq, "2,953"),
        new CourseQuestion("en", "Who funds the IACHR course?", Iachr, CourseQuestion.Faq, "Balearic Islands"),
        new CourseQuestion("en", "Does ISHR work with national institutions in Asia?", Regional, CourseQuestion.Faq, "national human rights institutions"),
        new CourseQuestion("en", "I'm from Kenya, can I apply to the IACHR course?", Iachr, "eligibility", "Kenya is not among the countries that can apply"),
    ];

    public static IReadOnlyList<CourseQuestion> HeldOut() =>
    [
        new CourseQuestion("es", "cuanto vale el curso cidh", Iachr, "cost", "Gratuito"),
        new CourseQuestion("es", "la inscripcion de la cidh sigue abierta?", Iachr, "deadline", "cerrada"),
        new CourseQuestion("es", "becas cidh para el viaje", Iachr, "scholarships", "viaje"),
        new CourseQuestion("es", "curso CIDH: en que fechas se hace y donde", Iachr, "dates", "Washington"),
        new CourseQuestion("es", "me dan diploma al terminar el curso de la comision interamericana", Iachr, "certificate", "certificado"),
        new CourseQuestion("es", "cuales son los requisitos para el curso de la cidh", Iachr, "eligibility", "OEA"),
        new CourseQuestion("es", "el curso de la cidh es en portugues?", Iachr, "language", "español"),
        new CourseQuestion("es", "tengo que replicar lo aprendido despues del curso cidh?", Iachr, "obligations", "diez personas"),
        new CourseQuestion("es", "donde esta el formulario para postular al curso de la cidh", Iachr, "how-to-apply", "formulario"),
        new CourseQuestion("es", "las mujeres indigenas tienen prioridad en el curso de la cidh?", Iachr, "selection", "mujeres"),
        new CourseQuestion("es", "cuantos cupos hay en el curso de la cidh", Iachr, "places", "60"),
        new CourseQuestion("es", "becaz para el programa de ginebra", Hrdap, "scholarships", "becas"),
        new CourseQuestion("es", "fecha limte para el HRDAP", Hrdap, "deadline", "15 de enero de 2026"),
        new CourseQuestion("fr", "c'est gratuit la formation de la CIDH ?", Iachr, "cost", "Gratuite"),
        new CourseQuestion("fr", "les inscriptions pour la CIDH sont-elles encore ouvertes ?", Iachr, "deadline", "closes"),
        new CourseQuestion("fr", "formation cidh : on a une attestation a la fin ?", Iachr, "certificate", "attestation"),
        new CourseQuestion("fr", "ou se deroule la formation de la cidh et a quelles dates", Iachr, "dates", "Washington"),
        new CourseQuestion("fr", "la formation de la cidh se fait en francais ?", Iachr, "language", "espagnol"),
        new CourseQuestion("fr", "quelles conditions pour participer a la formation cidh", Iachr, "eligibility", "OEA"),
        new CourseQuestion("fr", "combien de places au programme de geneve", Hrdap, "places", "12"),
        new CourseQuestion("fr", "bourse voyage pour le hrdap ?", Hrdap, "scholarships", "bourses"),
        new CourseQuestion("fr", "que faut-il faire apres la formation de la cidh", Iachr, "obligations", "dix personnes"),
        new CourseQuestion("fr", "les femmes autochtones sont-elles prioritaires pour la formation de la cidh", Iachr, "selection", "femmes"),
        new CourseQuestion("fr", "comment je m'inscris au hrdap", Hrdap, "how-to-apply", "novembre ou décembre"),
        new CourseQuestion("en", "is the IACHR training free?", Iachr, "cost", "Free"),
        new CourseQuestion("en", "IACHR course deadline?", Iachr, "deadline", "closed"),
        new CourseQuestion("en", "can i still register for the iachr course", Iachr, "deadline", "closed"),
        new CourseQuestion("en", "wich languge is the iachr course in", Iachr, "language", "Spanish"),
        new CourseQuestion("en", "where and when does the iachr course take place", Iachr, "dates", "Washington DC"),
        new CourseQuestion("en", "scholarship for travel to washington", Iachr, "scholarships", "travel"),
        new CourseQuestion("en", "do they give a diploma at the end of the iachr course", Iachr, "certificate", "certificate"),
        new CourseQuestion("en", "requirements for the geneva programme", Hrdap, "eligibility", "English"),
        new CourseQuestion("en", "how many seats in HRDAP", Hrdap, "places", "12"),
        new CourseQuestion("en", "are indigenous defenders prioritised in the IACHR course", Iachr, "selection", "Indigenous"),
        new CourseQuestion("en", "do i have to train other people after the IACHR course?", Iachr, "obligations", "ten people"),
        // Two questions in one message: both are answered.
        new CourseQuestion("es", "cuanto cuesta el curso de la cidh y hasta cuando me puedo inscribir?", Iachr, "cost", "Gratuito", "cerrada"),
        new CourseQuestion("fr", "combien coute le hrdap et quand ferme l'inscription ?", Hrdap, "deadline", "15 janvier 2026", "francs suisses"),
        new CourseQuestion("en", "how much is the iachr course? and do they give a certificate", Iachr, "cost", "Free", "certificate"),
    ];

    /// <summary>About a course, but nothing the data answers: the bot must say it is not sure and offer the staff.</summary>
    public static TheoryData<string, string> OutOfScope() =>
    [
        ("es", "¿Puedo llevar a mi hijo al curso de la CIDH?"),
        ("es", "¿El curso de la CIDH tiene wifi?"),
        ("es", "¿Qué comida dan en el curso de la CIDH?"),
        ("es", "¿Necesito visa para ir al curso de la CIDH?"),
        ("fr", "Puis-je amener mon enfant à la formation de la CIDH ?"),
        ("fr", "Y a-t-il le wifi pendant la formation de la CIDH ?"),
        ("fr", "Faut-il un visa pour la formation de la CIDH ?"),
        ("en", "Can I bring my child to the IACHR course?"),
        ("en", "Is there wifi at the IACHR course?"),
        ("en", "Do I need a visa for the IACHR course?"),
        ("en", "What food do they serve at the IACHR course?"),
    ];
}
