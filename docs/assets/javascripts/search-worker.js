/* Search worker for Material for MkDocs: it answers the theme's own messages (SETUP, READY,
 * QUERY, RESULT), so the theme's search box and result list stay as they are.
 *
 * People type Vietnamese without diacritics: words are compared folded, with the rule of
 * antq.news.fold (lowercase, đ -> d, decompose, drop combining marks), and a word typed
 * with its diacritics ranks the pages spelling it that way first (one typed without them
 * matches every spelling alike).
 *
 * The index is in small pieces written by antq/search.py: nothing is fetched until someone
 * searches, then docs.json (addresses, titles, teasers) and the pieces of the words typed.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var BASE = new URL("../../search/", self.location.href);
var WORD = /(?:[\p{L}\p{N}]|[\u0300-\u036f])+/gu;
var MAX_TERMS = 10;

function fold(text) {
  return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "");
}

/* [spelling, folded key] of each word, as antq.search.words. */
function words(text) {
  var found = [];
  var list = text.toLowerCase().normalize("NFC").match(WORD) || [];
  for (var i = 0; i < list.length; i++) {
    var key = fold(list[i]);
    if (Array.from(key).length >= 2) found.push([list[i], key]);
  }
  return found;
}

function shardOf(key) {
  return /^[a-z0-9]{2}/.test(key) ? key.slice(0, 2) : "_";
}

/* -- loading, once, on the first search -------------------------------------------------- */

var meta = null;
var shards = {};

function fetchJSON(url, cache) {
  return fetch(url, { cache: cache }).then(function (response) {
    if (!response.ok) throw new Error(response.status + " " + url);
    return response.json();
  });
}

function loadMeta() {
  // Always revalidated: the pieces are named after its version.
  if (!meta) meta = fetchJSON(new URL("docs.json", BASE), "no-cache").catch(function (error) {
    meta = null;
    throw error;
  });
  return meta;
}

function loadShard(name, version) {
  if (!shards[name]) shards[name] = fetchJSON(new URL("t/" + name + ".json?v=" + version, BASE), "default")
    .catch(function (error) {
      delete shards[name];
      throw error;
    });
  return shards[name];
}

/* -- searching --------------------------------------------------------------------------- */

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

/* The text, escaped, with the words matching a term marked. */
function highlight(text, terms) {
  var out = "", last = 0, match;
  WORD.lastIndex = 0;
  while ((match = WORD.exec(text)) !== null) {
    var key = fold(match[0]);
    var hit = terms.some(function (t) { return t.prefix ? key.indexOf(t.key) === 0 : key === t.key; });
    out += escapeHTML(text.slice(last, match.index)) + (hit ? "<mark>" + escapeHTML(match[0]) + "</mark>" : escapeHTML(match[0]));
    last = match.index + match[0].length;
  }
  return out + escapeHTML(text.slice(last));
}

/* Per document: the best weight of each term, and which terms it spells exactly as typed. */
function score(terms, pieces) {
  var found = {};
  terms.forEach(function (term, t) {
    var piece = pieces[shardOf(term.key)] || {};
    Object.keys(piece).forEach(function (key) {
      if (key !== term.key && !(term.prefix && key.indexOf(term.key) === 0)) return;
      var whole = key === term.key ? 2 : 1;
      Object.keys(piece[key]).forEach(function (spelling) {
        var postings = piece[key][spelling];
        for (var i = 0; i < postings.length; i += 2) {
          var doc = found[postings[i]] || (found[postings[i]] = { best: [], exact: [] });
          doc.best[t] = Math.max(doc.best[t] || 0, postings[i + 1] * whole);
          // Only a word typed with diacritics says which spelling was meant: "xa" is as likely "xã" as "Xa".
          if (term.accented && spelling === term.word) doc.exact[t] = true;
        }
      });
    });
  });
  return found;
}

/* The folded words of a title, as a set. */
function titleKeys(title) {
  var keys = {};
  words(title).forEach(function (pair) { keys[pair[1]] = true; });
  return keys;
}

function count(list) {
  return list.filter(Boolean).length;
}

async function search(query) {
  var seen = {}, terms = [];
  words(query).forEach(function (pair) {
    if (!seen[pair[0]] && terms.length < MAX_TERMS) terms.push({ word: pair[0], key: pair[1], accented: pair[0] !== pair[1] });
    seen[pair[0]] = true;
  });
  if (!terms.length) return { items: [] };
  // The last word may still be being typed: it matches the start of words.
  if (!/[\s.,;:!?]$/.test(query)) terms[terms.length - 1].prefix = true;

  var index = await loadMeta();
  var names = terms.map(function (t) { return shardOf(t.key); })
    .filter(function (name, i, all) { return all.indexOf(name) === i && index.shards.indexOf(name) >= 0; });
  var loaded = await Promise.all(names.map(function (name) { return loadShard(name, index.version); }));
  var pieces = {};
  names.forEach(function (name, i) { pieces[name] = loaded[i]; });

  // Documents with all the terms if any, else those with the most of them.
  var found = score(terms, pieces);
  var ids = Object.keys(found);
  var most = Math.max.apply(null, ids.map(function (id) { return count(found[id].best); }).concat([0]));
  var ranked = ids.filter(function (id) { return count(found[id].best) === most; }).map(function (id) {
    var doc = found[id];
    var weight = doc.best.reduce(function (sum, w) { return sum + (w || 0); }, 0);
    var termsShown = {};
    terms.forEach(function (term, t) { termsShown[term.word] = Boolean(doc.best[t]); });
    return { id: +id, score: 1000 * count(doc.exact) + weight, terms: termsShown };
  }).sort(function (a, b) { return b.score - a.score; });

  // Grouped by page, best first, each group with its page (as the theme expects). The theme shows
  // the page, then the sections scoring at least as much as the group's first item, folding the
  // rest under "more". A section whose title names what the page's title does not ("công an xã
  // tân sơn": the section "xã Tân Sơn" of the hotline page) comes first, so that it is shown.
  var pages = {};
  index.docs.forEach(function (doc, id) { if (doc[0].indexOf("#") < 0) pages[doc[0]] = id; });
  var groups = new Map();
  ranked.forEach(function (hit) {
    var doc = index.docs[hit.id], page = doc[0].split("#")[0];
    if (!(page in pages)) return;
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push({
      location: doc[0], title: highlight(doc[1], terms), text: highlight(doc[2], terms),
      score: hit.score, terms: hit.terms, id: hit.id
    });
  });
  groups.forEach(function (items, page) {
    if (!items.some(function (item) { return item.location === page; })) {
      var doc = index.docs[pages[page]];
      items.push({ location: doc[0], title: escapeHTML(doc[1]), text: escapeHTML(doc[2]), score: 0, terms: {} });
    }
    var pageTitle = titleKeys(index.docs[pages[page]][1]);
    var section = items.findIndex(function (item) {
      if (item.location === page) return false;
      var own = titleKeys(index.docs[item.id][1]);
      return terms.some(function (term) { return own[term.key] && !pageTitle[term.key]; });
    });
    if (section > 0) items.unshift(items.splice(section, 1)[0]);
  });
  return { items: Array.from(groups.values()) };
}

/* -- messages: the latest query wins ----------------------------------------------------- */

var pending = null, busy = false;

async function answer() {
  busy = true;
  while (pending !== null) {
    var query = pending, result;
    pending = null;
    try {
      result = await search(query);
    } catch (error) {
      console.warn("Tìm kiếm lỗi:", error);
      result = { items: [] };
    }
    if (pending === null) postMessage({ type: RESULT, data: result });
  }
  busy = false;
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    pending = message.data;
    if (!busy) answer();
  }
});
