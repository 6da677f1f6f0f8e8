// StemSafe's chat page script (served as /assets/chat.js: the page's CSP allows no inline script).
// Starts the widget (rasa-webchat, /static/webchat.js) with the conversation kept in this tab's session
// storage only, and clears the browser's copy when the person deletes their data: the server sends
// "stemsafe_forget" once the conversation is erased (channels/socketio.py); the page then removes the
// stored transcript and session, and reloads into a fresh conversation with a notice saying so.
(function () {
  "use strict";
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
    customData: { language: "en" },
    title: "StemSafe",
    subtitle: "Stem cell safety questions",
    inputTextFieldHint: "Type your question…",
    showMessageDate: false,
    params: { storage: "session" },
    onSocketEvent: { stemsafe_forget: forget }
  }, document.getElementById("webchat"));
})();
