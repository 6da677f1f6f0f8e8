// StemSafe's chat page script (served as /assets/chat.js: the page's CSP allows no inline script).
// Starts the widget (rasa-webchat, /static/webchat.js) with the conversation kept in this tab's session
// storage only, and clears the browser's copy when the person deletes their data: the server sends
// "stemsafe_forget" once the conversation is erased (channels/socketio.py); the page then removes the
// stored transcript and session, and reloads into a fresh conversation with a notice saying so.
// Language: the page's English / Español switch (or ?lang=es, or the browser's language the first time) sets
// the page's texts and the widget's, and is sent with every message as customData.language; it is kept in
// this tab's session storage, so a reload keeps it, and switching reloads the page with the conversation
// kept. StemSafe answers in the language a message is written in, and in the switch's language otherwise.
(function () {
  "use strict";
  var LANGUAGE_KEY = "stemsafe-language";
  var PAGE = {
    en: null, // the page is written in English: nothing to replace
    es: {
      title: "StemSafe — preguntas sobre la seguridad de los tratamientos con células madre",
      about: "StemSafe responde preguntas sobre los riesgos de los tratamientos con células madre y le ayuda a " +
        "revisar una clínica. No es un médico y esto no es consejo médico: hable con su propio médico antes de " +
        "cualquier tratamiento.",
      urgent: "Si se siente mal después de un tratamiento (fiebre, enrojecimiento que se extiende, cambios en la " +
        "vista, debilidad, dificultad para respirar), llame al 911 o vaya a urgencias ahora.",
      forgotten: "Sus datos se borraron de StemSafe, y también la copia de la conversación en este navegador. " +
        "Esta es una conversación nueva.",
      paste_title: "Pegue lo que dice la clínica",
      paste_help: "Copie el texto de la página web, el folleto o el mensaje de una clínica: StemSafe enumera las " +
        "afirmaciones que reconoce, con lo que dice la evidencia y qué preguntar. Los textos largos están bien.",
      paste_label: "Texto de la clínica",
      paste_button: "Revisar las afirmaciones",
      footer: "Las respuestas dicen sus fuentes (FDA, CDC, ISSCR, COFEPRIS, estudios revisados por expertos). " +
        "StemSafe nunca recomienda una clínica. Sus respuestas de la revisión de una clínica se guardan para que " +
        "pueda volver a ellas; escriba \"borrar mis datos\" para quitarlas (de StemSafe y de este navegador). " +
        "Esta pestaña guarda la conversación hasta que la cierre."
    }
  };
  var WIDGET = {
    en: { subtitle: "Stem cell safety questions", hint: "Type your question…" },
    es: { subtitle: "Preguntas sobre la seguridad de las células madre", hint: "Escriba su pregunta…" }
  };

  function supported(code) {
    code = String(code || "").toLowerCase().slice(0, 2);
    return code === "en" || code === "es" ? code : null;
  }

  function chosenLanguage() {
    var stored = null;
    try { stored = supported(window.sessionStorage.getItem(LANGUAGE_KEY)); } catch (e) { /* storage off */ }
    if (stored) { return stored; }
    var asked = supported(new URLSearchParams(window.location.search).get("lang"));
    if (asked) { return asked; }
    var browser = (navigator.languages && navigator.languages[0]) || navigator.language;
    return supported(browser) || "en";
  }

  function showLanguage(language) {
    document.documentElement.lang = language;
    var texts = PAGE[language];
    if (texts) {
      document.title = texts.title;
      Array.prototype.forEach.call(document.querySelectorAll("[data-text]"), function (el) {
        var text = texts[el.getAttribute("data-text")];
        if (text) { el.textContent = text; }
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("input[name=lang]"), function (el) { el.value = language; });
    Array.prototype.forEach.call(document.querySelectorAll("[data-language]"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === language));
      button.addEventListener("click", function () {
        var wanted = button.getAttribute("data-language");
        if (wanted === language) { return; }
        try { window.sessionStorage.setItem(LANGUAGE_KEY, wanted); } catch (e) { /* storage off */ }
        window.location.reload();
      });
    });
  }

  var language = chosenLanguage();
  try { window.sessionStorage.setItem(LANGUAGE_KEY, language); } catch (e) { /* storage off */ }
  showLanguage(language);
  var FORGOTTEN = "stemsafe-forgotten";
  var WIDGET_KEYS = ["chat_session", "mrbot_next_message"];

  function clearCopy() {
    WIDGET_KEYS.forEach(function (key) {
      try { window.sessionStorage.removeItem(key); } catch (e) { /* storage off */ }
      try { window.localStorage.removeItem(key); } catch (e) { /* storage off */ }
    });
  }

  function forget() {
    clearCopy();
    try { window.sessionStorage.setItem(FORGOTTEN, "1"); } catch (e) { /* storage off */ }
    window.location.reload();
  }

  // Earlier versions kept the transcript in localStorage: it must not outlive the tab.
  try { window.localStorage.removeItem("chat_session"); } catch (e) { /* storage off */ }
  var forgotten = false;
  try { forgotten = window.sessionStorage.getItem(FORGOTTEN) === "1"; } catch (e) { /* storage off */ }
  if (forgotten) {
    clearCopy();
    window.sessionStorage.removeItem(FORGOTTEN);
    document.getElementById("forgotten").hidden = false;
  }

  var socketUrl = document.querySelector('meta[name="stemsafe-socket-url"]').getAttribute("content");
  window.WebChat.default({
    embedded: true,
    initPayload: "/greet",
    socketUrl: socketUrl,
    socketPath: "/socket.io/",
    customData: { language: language },
    title: "StemSafe",
    subtitle: WIDGET[language].subtitle,
    inputTextFieldHint: WIDGET[language].hint,
    showMessageDate: false,
    params: { storage: "session" },
    onSocketEvent: { stemsafe_forget: forget }
  }, document.getElementById("webchat"));
})();
