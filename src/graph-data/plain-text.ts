/**
 * What a fact's text may hold: characters a reader sees. A name, a title or an excerpt is read by people and
 * compared by programs (search, reconciliation, corroboration), so characters that print nothing or change
 * how the rest is shown are refused, in every text field, whatever door the record came through:
 * - control characters (C0 and C1), and line breaks and tabs in a one-line field (every text field but a
 *   source's `note`);
 * - format characters (Unicode category Cf: zero-width space U+200B, the direction marks, embeddings,
 *   overrides and isolates U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, the byte order mark U+FEFF, the soft
 *   hyphen, tag characters …), every other default-ignorable code point (fillers, variation selectors),
 *   the line and paragraph separators U+2028–U+2029, and noncharacters.
 * A few of these are part of how some scripts are written, and are allowed where they do that:
 * - the zero-width non-joiner and joiner (U+200C, U+200D) between two letters of a script that uses them to
 *   choose letter forms (Persian and Arabic, the Brahmic scripts of South and South-East Asia, Syriac,
 *   N'Ko, Mongolian, Tibetan), and the joiner inside an emoji sequence;
 * - variation selectors after a Han ideograph (the variant forms of Japanese place names), VS15/VS16
 *   (U+FE0E, U+FE0F) after an emoji, Mongolian's free variation selectors and vowel separator within
 *   Mongolian.
 * Leading and trailing whitespace is trimmed before anything is checked (JavaScript counts U+FEFF as
 * whitespace, so a byte order mark at a field's edge is trimmed, not refused), and what is left must hold
 * something visible: a letter, a digit, a punctuation mark or a symbol.
 */

/** Scripts that write the zero-width (non-)joiner between their letters to choose a letter's form. */
const JOINING_SCRIPT =
  /[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Nko}\p{scx=Mongolian}\p{scx=Devanagari}\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}\p{scx=Malayalam}\p{scx=Sinhala}\p{scx=Myanmar}\p{scx=Khmer}\p{scx=Tibetan}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_BEFORE_JOINER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
const HAN = /\p{sc=Han}/u;
const MONGOLIAN = /\p{sc=Mongolian}/u;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;
const LINE_BREAKS = new Set(["\n", "\r", "\t"]);
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]/u;
/** Any character the walk below looks at: most text has none, and is passed by one test. */
const SUSPECT = new RegExp(`${CONTROL.source}|${INVISIBLE.source}`, "u");
/** Anything a reader sees (the blank Braille pattern U+2800 is a symbol that prints nothing). */
const VISIBLE = /(?!\u2800)[\p{L}\p{N}\p{P}\p{S}]/u;

const NAMES: Readonly<Record<number, string>> = {
  0x09: "a tab",
  0x0a: "a line break",
  0x0d: "a carriage return",
  0x85: "a line break (next line)",
  0xad: "a soft hyphen",
  0x034f: "a combining grapheme joiner",
  0x061c: "an Arabic letter mark",
  0x180e: "a Mongolian vowel separator",
  0x200b: "a zero-width space",
  0x200c: "a zero-width non-joiner",
  0x200d: "a zero-width joiner",
  0x200e: "a left-to-right mark",
  0x200f: "a right-to-left mark",
  0x2028: "a line separator",
  0x2029: "a paragraph separator",
  0x202a: "a left-to-right embedding",
  0x202b: "a right-to-left embedding",
  0x202c: "a pop directional formatting",
  0x202d: "a left-to-right override",
  0x202e: "a right-to-left override",
  0x2060: "a word joiner",
  0x2066: "a left-to-right isolate",
  0x2067: "a right-to-left isolate",
  0x2068: "a first strong isolate",
  0x2069: "a pop directional isolate",
  0xfeff: "a zero-width no-break space (byte order mark)",
};

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;

function nameOf(code: number): string {
  const named = NAMES[code];
  if (named) return named;
  if (code < 0xa0) return "a control character";
  if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef)) return "a variation selector";
  if (code >= 0xe0000 && code <= 0xe007f) return "a tag character";
  if (code >= 0x115f && code <= 0x1160) return "a Hangul filler";
  if (code === 0x3164 || code === 0xffa0) return "a Hangul filler";
  if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return "a noncharacter";
  return "an invisible format character";
}

/** Bidirectional controls: they reorder the text shown around them (U+061C, U+200E–F, U+202A–E, U+2066–9). */
const isDirectionControl = (code: number) =>
  code === 0x061c ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

/** Is the invisible character at `index` doing its work in the script around it (see the module's comment)? */
function allowedInContext(chars: readonly string[], index: number): boolean {
  const char = chars[index]!;
  const before = chars[index - 1];
  const after = chars[index + 1];
  const code = char.codePointAt(0)!;
  if (before === undefined) return false;
  if (code === 0x200c || code === 0x200d) {
    if (after !== undefined && JOINING_SCRIPT.test(before) && JOINING_SCRIPT.test(after)) return true;
    return code === 0x200d && after !== undefined && EMOJI_BEFORE_JOINER.test(before) && EMOJI.test(after);
  }
  if (code === 0xfe0e || code === 0xfe0f) return EMOJI.test(before) || HAN.test(before);
  if ((code >= 0xfe00 && code <= 0xfe0d) || (code >= 0xe0100 && code <= 0xe01ef)) return HAN.test(before);
  if ((code >= 0x180b && code <= 0x180d) || code === 0x180f) return MONGOLIAN.test(before);
  if (code === 0x180e) return after !== undefined && MONGOLIAN.test(before) && MONGOLIAN.test(after);
  return false;
}

/**
 * What is wrong with a (trimmed) text's characters, as a problem message; undefined when nothing is.
 * `multiline`: line breaks (`\n`, `\r`) and tabs are allowed.
 */
export function invisibleCharacterMessage(text: string, multiline = false): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  const chars = [...text];
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (multiline && LINE_BREAKS.has(char)) continue;
    const control = CONTROL.test(char);
    if (!control && !(INVISIBLE.test(char) && !allowedInContext(chars, index))) continue;
    const code = char.codePointAt(0)!;
    const preceding = chars.slice(Math.max(0, index - 12), index).join("");
    const where = index === 0 ? "at the start" : `after "${index > 12 ? "…" : ""}${preceding}"`;
    if (LINE_BREAKS.has(char)) return `holds ${nameOf(code)} (${hex(code)}) ${where}: this field is one line of text`;
    if (code === 0x85 || code === 0x2028 || code === 0x2029) {
      return `holds ${nameOf(code)} (${hex(code)}) ${where}: ${multiline ? "break lines with a plain line break (\\n)" : "this field is one line of text"}`;
    }
    const why = isDirectionControl(code)
      ? "which changes the order the text around it is shown in"
      : "which does not print";
    return `holds ${nameOf(code)} (${hex(code)}) ${where}, ${why}: remove it`;
  }
  return undefined;
}

/** Does the text hold anything a reader sees: a letter, a digit, a punctuation mark or a symbol? */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/** A web address's user name or password (`https://user:secret@host/`): never part of a fact. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== "" || parsed.password !== "";
  } catch {
    // Not a URL at all: the address check says so. An `@` before the host is still credentials.
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}
