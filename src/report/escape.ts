/**
 * Escaping of user text (ids, names, locus and allele labels, descriptions) for HTML and SVG,
 * and a width estimate of a label in the drawings' monospaced font.
 *
 * @module
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML or XML element content and quoted attribute values: `& < > " '` become
 * entities, and control characters (which XML forbids and a reader cannot see) are written
 * visibly as `\uXXXX`, so no user string can open a tag, end an attribute or hide a character.
 *
 * @param text - any string from the user's documents
 * @returns text safe inside an element or a quoted attribute
 * @example
 * ```ts
 * escapeHTML('<b id="x">&</b>'); // => '&lt;b id=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
 * ```
 */
export function escapeHTML(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
    /[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g,
    (c) => ENTITIES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Font of every label in the drawings: a monospaced face, so widths can be computed. */
export const LABEL_FONT_FAMILY = "'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace";

/**
 * An upper bound on the width of `text` in the drawings' monospaced font at `fontSize` px:
 * 0.62 em per character (DejaVu Sans Mono advances 0.602 em), 1.05 em for wide East Asian
 * characters and emoji, 0 for combining marks, as escaped (a control character is drawn as
 * six characters `\uXXXX`).
 *
 * @param text - the label as the user wrote it
 * @param fontSize - font size in px
 * @returns the width in px
 * @example
 * ```ts
 * estimateLabelWidth('M1', 10); // => 12.4
 * ```
 */
export function estimateLabelWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are drawn escaped
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/.test(ch))
      em += 6 * 0.62;
    else if (c >= 0x300 && c <= 0x36f) em += 0;
    else if (_isWide(c)) em += 1.05;
    else em += 0.62;
  }
  return Math.round(em * fontSize * 100) / 100;
}

function _isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x1f000
  );
}
