/*
 * StemSafe's accessibility layer over rasa-webchat 1.0.1 (a pinned third-party bundle we do not patch).
 *
 * The widget renders with React and knows nothing of screen readers: no live region, an unnamed send
 * button, quick replies that are plain <div>s a keyboard cannot reach. This script watches the page
 * (a MutationObserver) and, for every node the widget adds:
 * - announces each new bot message once: its text goes into a polite live region (role="log"), or,
 *   for urgent-care advice, into an assertive one (role="alert"); messages restored from storage on a
 *   reload are not announced again;
 * - names the message box and the send button, labels the conversation as a scrollable region a
 *   keyboard can reach, and gives the widget's title a heading level under the page's h1;
 * - groups quick replies with a label and makes each a button reachable by Tab and operable with
 *   Enter or Space; the feedback buttons under an answer are a group named "Did this answer your
 *   question?", styled quieter (class stemsafe-feedback);
 * - keeps focus in the message box after sending (by Enter, by the send button, or by a quick reply,
 *   whose buttons disappear once used);
 * - marks sentences in the other language inside a reply (Spanish on an English page, English on a
 *   Spanish page) with their lang (WCAG 3.1.2); the page's labels follow its language (chat.js).
 * Contrast, focus outlines, target sizes and reduced motion are in a11y.css.
 *
 * Loaded as an external file before the widget (CSP without 'unsafe-inline'); it sets attributes and
 * listens to events only, never inline styles. Nothing here talks to the network.
 */
(function () {
  "use strict";

  var URGENT = /seek urgent medical care|atenci[oó]n de urgencias/i;
  var KEEP = 5; // announcements kept in the polite log (older ones are removed silently)
  var announced = 0; // bot messages seen so far (restored + announced)
  var started = false;

  function region(id, role, live) {
    var el = document.createElement("div");
    el.id = id;
    el.className = "a11y-visually-hidden";
    el.setAttribute("role", role);
    el.setAttribute("aria-live", live);
    el.setAttribute("aria-atomic", "false");
    el.setAttribute("aria-relevant", "additions");
    document.body.appendChild(el);
    return el;
  }

  var polite = null;
  var urgent = null;

  // Spanish sentences inside English replies (the urgent-care line in Spanish, "Lo siento ...") get
  // lang="es", so a screen reader reads them with a Spanish voice (WCAG 3.1.2, language of parts).
  var SPANISH_WORDS = /^(de|la|que|el|en|y|los|las|por|un|una|si|tiene|despu[eé]s|busque|ahora|solo|puedo|lo|siento|usted|s[ií]ntomas|tratamiento|atenci[oó]n|urgencias|para|con|del|al|es|responder|ingl[eé]s|fiebre|enrojecimiento|problemas|visi[oó]n|debilidad|dificultad|respirar)$/i;
  var WORD = /[A-Za-z\u00C0-\u00FF0-9]+/g;
  var SENTENCE = /(\n|(?<=[.!?])\s+)/;

  function isSpanish(sentence) {
    if (!/[áéíóúñ¿¡]/i.test(sentence)) {
      return false;
    }
    var words = sentence.match(WORD) || [];
    var hits = words.filter(function (w) { return SPANISH_WORDS.test(w); }).length;
    return hits >= 3 && hits >= words.length / 2;
  }

  var ENGLISH_WORDS = /^(the|and|of|to|is|are|your|you|a|in|for|with|that|this|it|can|do|not|be|or|what|how|if|from|after|any|own|doctor|treatment|cells|stem|clinic|please|call|ask|have|has|was|were|will|about|may)$/i;

  function isEnglish(sentence) {
    if (/[áéíóúñ¿¡]/i.test(sentence)) {
      return false;
    }
    var words = sentence.match(WORD) || [];
    var hits = words.filter(function (w) { return ENGLISH_WORDS.test(w); }).length;
    return hits >= 3 && hits >= words.length / 3;
  }

  // The language of a sentence when it differs from the page's (<html lang>, set by chat.js), else null.
  function otherLanguage(sentence) {
    var page = (document.documentElement.lang || "en").slice(0, 2);
    if (page === "es") {
      return isEnglish(sentence) ? "en" : null;
    }
    return isSpanish(sentence) ? "es" : null;
  }

  function markSpanish(response) {
    if (response.hasAttribute("data-a11y-lang")) {
      return;
    }
    response.setAttribute("data-a11y-lang", "");
    var walker = document.createTreeWalker(response, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(SENTENCE);
      if (!parts.some(otherLanguage) || (node.parentNode && node.parentNode.closest("[lang]") !== document.documentElement)) {
        return;
      }
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        var other = otherLanguage(part);
        if (other) {
          var span = document.createElement("span");
          span.lang = other;
          span.textContent = part;
          fragment.appendChild(span);
        } else if (part) {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function announce(text, isUrgent) {
    var target = isUrgent ? urgent : polite;
    var line = document.createElement("p");
    text.split(SENTENCE).forEach(function (part) {
      var other = otherLanguage(part);
      if (other) {
        var span = document.createElement("span");
        span.lang = other;
        span.textContent = part;
        line.appendChild(span);
      } else if (part) {
        line.appendChild(document.createTextNode(part));
      }
    });
    if (isUrgent) {
      target.textContent = "";
    }
    target.appendChild(line);
    while (polite.childNodes.length > KEEP) {
      polite.removeChild(polite.firstChild);
    }
  }

  function messageText(response) {
    var text = (response.textContent || "").replace(/[^\S\n]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
    var holder = response.closest(".rw-message");
    var replies = holder ? holder.querySelectorAll(".rw-replies .rw-reply") : [];
    if (replies.length) {
      var titles = [];
      for (var i = 0; i < replies.length; i++) {
        titles.push((replies[i].textContent || "").trim());
      }
      text += " Replies: " + titles.join(", ") + ".";
    }
    return text;
  }

  function announceNew(container) {
    var responses = container.querySelectorAll(".rw-response:not(.a11y-typing)");
    for (var m = 0; m < responses.length; m++) {
      markSpanish(responses[m]);
    }
    if (!started) {
      // The first time the conversation appears, what it already holds was restored from storage.
      started = true;
      announced = responses.length;
      return;
    }
    if (responses.length < announced) {
      announced = responses.length; // the conversation was cleared (e.g. after "delete my data")
    }
    for (var i = announced; i < responses.length; i++) {
      var text = messageText(responses[i]);
      if (text) {
        announce(text, URGENT.test(text));
      }
    }
    announced = responses.length;
  }

  // The page's own labels, in the page's language (chat.js sets <html lang> from the language switch).
  var LABELS = {
    en: { box: "Message to StemSafe", send: "Send", conversation: "Conversation", replies: "Suggested replies",
          feedback: "Did this answer your question?" },
    es: { box: "Mensaje para StemSafe", send: "Enviar", conversation: "Conversación", replies: "Respuestas sugeridas",
          feedback: "¿Esto respondió su pregunta?" }
  };

  function label(key) {
    var language = (document.documentElement.lang || "en").slice(0, 2);
    return (LABELS[language] || LABELS.en)[key];
  }

  // The feedback buttons the server puts on an answer (bot/feedback.py YES_TITLE / NO_TITLE), per language.
  var FEEDBACK_TITLES = [
    ["Yes, this answered my question", "No, it did not"],
    ["Sí, respondió mi pregunta", "No, no la respondió"]
  ];

  function isFeedback(group) {
    var replies = group.querySelectorAll(".rw-reply");
    var texts = Array.prototype.map.call(replies, function (reply) { return (reply.textContent || "").trim(); });
    return FEEDBACK_TITLES.some(function (titles) {
      return titles.length === texts.length && titles.every(function (title, i) { return texts[i] === title; });
    });
  }

  function setOnce(el, name, value) {
    if (el.getAttribute(name) !== value) {
      el.setAttribute(name, value);
    }
  }

  function enhance(root) {
    var box = root.querySelector(".rw-new-message");
    if (box) {
      setOnce(box, "aria-label", label("box"));
    }
    var send = root.querySelector(".rw-send");
    if (send) {
      setOnce(send, "aria-label", label("send"));
      var icon = send.querySelector("svg, img");
      if (icon) {
        setOnce(icon, "aria-hidden", "true");
      }
    }
    var title = root.querySelector(".rw-title");
    if (title) {
      setOnce(title, "role", "heading");
      setOnce(title, "aria-level", "2");
    }
    var messages = root.querySelector(".rw-messages-container");
    if (messages) {
      setOnce(messages, "role", "region");
      setOnce(messages, "aria-label", label("conversation"));
      setOnce(messages, "tabindex", "0");
    }
    var groups = root.querySelectorAll(".rw-replies");
    for (var g = 0; g < groups.length; g++) {
      var asksFeedback = isFeedback(groups[g]);
      setOnce(groups[g], "role", "group");
      setOnce(groups[g], "aria-label", asksFeedback ? label("feedback") : label("replies"));
      if (asksFeedback) {
        groups[g].classList.add("stemsafe-feedback"); // a quieter look (a11y.css), same keyboard and focus
      }
    }
    var replies = root.querySelectorAll("div.rw-reply");
    for (var r = 0; r < replies.length; r++) {
      setOnce(replies[r], "role", "button");
      setOnce(replies[r], "tabindex", "0");
    }
    var typing = root.querySelectorAll(".rw-typing-indication .rw-response");
    for (var t = 0; t < typing.length; t++) {
      typing[t].classList.add("a11y-typing");
      setOnce(typing[t], "aria-hidden", "true");
    }
    var links = root.querySelectorAll(".rw-response a[target='_blank']");
    for (var l = 0; l < links.length; l++) {
      setOnce(links[l], "aria-describedby", "a11y-new-tab");
    }
    if (messages) {
      announceNew(messages);
    }
  }

  function messageBox() {
    return document.querySelector(".rw-sender .rw-new-message");
  }

  function focusBoxSoon() {
    // After the widget re-renders (the used quick replies vanish, the emptied send button is disabled).
    window.setTimeout(function () {
      var box = messageBox();
      var active = document.activeElement;
      if (box && !box.disabled && (!active || active === document.body || !document.contains(active) ||
          active.classList.contains("rw-send") || active.classList.contains("rw-reply"))) {
        box.focus();
      }
    }, 0);
  }

  function onKeyDown(event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.matches("div.rw-reply[role='button']")) {
      return;
    }
    if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
      event.preventDefault();
      el.click();
    }
  }

  function onClick(event) {
    var el = event.target instanceof Element ? event.target.closest(".rw-reply, .rw-send") : null;
    if (el && !(el.tagName === "A")) {
      focusBoxSoon();
    }
  }

  function start() {
    polite = region("a11y-messages", "log", "polite");
    urgent = region("a11y-urgent", "alert", "assertive");
    var note = document.createElement("span");
    note.id = "a11y-new-tab";
    note.className = "a11y-visually-hidden";
    note.textContent = "opens in a new tab";
    document.body.appendChild(note);

    var root = document.getElementById("webchat") || document.body;
    var pending = false;
    var observer = new MutationObserver(function () {
      if (!pending) {
        pending = true;
        // One pass per batch of React commits, still before the browser paints.
        window.queueMicrotask(function () {
          pending = false;
          enhance(root);
        });
      }
    });
    observer.observe(root, { childList: true, subtree: true });
    enhance(root);
    // A status the page shows as it loads (e.g. "your data was deleted") is read out once the regions exist.
    window.setTimeout(function () {
      var shown = document.querySelectorAll("main [role='status']:not([hidden])");
      for (var i = 0; i < shown.length; i++) {
        announce((shown[i].textContent || "").replace(/\s+/g, " ").trim(), false);
      }
    }, 500);
    root.addEventListener("keydown", onKeyDown, true);
    root.addEventListener("click", onClick, true);
    root.addEventListener("submit", focusBoxSoon, true);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
