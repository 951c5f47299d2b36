/**
 * A small, tolerant XML reader for lab exchange files (CODIS CMF, STRidER): elements,
 * attributes, text, CDATA, comments, processing instructions and a DOCTYPE (skipped), the five
 * named entities and numeric character references. Namespace prefixes are dropped (element and
 * attribute names are local names). Every element records the line it starts on, so importers
 * can report line-exact errors. Not supported (refused or ignored): DTD-declared entities,
 * validation.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/** One element of the document tree. */
export interface XmlElement {
  /** Local name (namespace prefix removed), as written. */
  readonly name: string;
  /** Attributes by local name. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), entities decoded, not trimmed. */
  readonly text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

interface _Building {
  name: string;
  qname: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ATTRIBUTE = /^([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Parse an XML document into its root element.
 *
 * @param text - the document
 * @param file - file named in errors
 * @returns the root element
 * @throws KindredError `PARSE_ERROR` with path `['line', n]` (unclosed or mismatched tags, bad
 *   attribute syntax, unknown entity, text outside the root, no root)
 * @example
 * ```ts
 * const root = parseXml('<a x="1"><b>hi &amp; bye</b></a>');
 * root.children[0]?.text; // => 'hi & bye'
 * ```
 */
export function parseXml(text: string, file?: string): XmlElement {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fail = (detail: string, at: number): never => {
    throw new KindredError('PARSE_ERROR', detail, {
      path: ['line', lineAt(at)],
      ...(file !== undefined ? { file } : {}),
    });
  };
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(
      /&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g,
      (m: string, ref: string | undefined, offset: number) => {
        if (ref === undefined) return fail('Bare "&" in text (write &amp;)', at + offset);
        if (ref.startsWith('#')) {
          const hex = ref.startsWith('#x');
          const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
          if (!_isXmlChar(code))
            return fail(
              `Character reference "${m}" is not a character XML allows (code point ${hex ? `0x${ref.slice(2)}` : ref.slice(1)})`,
              at + offset,
            );
          return String.fromCodePoint(code);
        }
        const named = Object.hasOwn(ENTITIES, ref) ? ENTITIES[ref] : undefined;
        return named ?? fail(`Unknown entity "${m}"`, at + offset);
      },
    );
  const stack: _Building[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const chunk = src.slice(i, lt === -1 ? src.length : lt);
    if (chunk !== '') {
      const top = stack.at(-1);
      if (top !== undefined) top.text += decode(chunk, i);
      else if (chunk.trim() !== '') {
        const at = i + chunk.search(/\S/);
        fail(`Text outside the root element: ${JSON.stringify(chunk.trim().slice(0, 40))}`, at);
      }
    }
    if (lt === -1) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end === -1) fail('Unterminated comment', i);
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i + 9);
      if (end === -1) fail('Unterminated CDATA section', i);
      const top = stack.at(-1);
      if (top === undefined) fail('CDATA outside the root element', i);
      (top as _Building).text += src.slice(i + 9, end);
      i = end + 3;
    } else if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i + 2);
      if (end === -1) fail('Unterminated processing instruction', i);
      i = end + 2;
    } else if (src.startsWith('<!', i)) {
      const end = _endOfDoctype(src, i);
      if (end === -1) fail('Unterminated declaration', i);
      i = end + 1;
    } else if (src.startsWith('</', i)) {
      const end = src.indexOf('>', i);
      if (end === -1) fail('Unterminated end tag', i);
      const qname = src.slice(i + 2, end).trim();
      const top = stack.pop();
      if (top === undefined) return fail(`End tag </${qname}> without a start tag`, i);
      if (top.qname !== qname) {
        fail(`End tag </${qname}> does not match <${top.qname}> opened on line ${top.line}`, i);
      }
      const done = _freeze(top);
      const parent = stack.at(-1);
      if (parent !== undefined) parent.children.push(done);
      else root = done;
      i = end + 1;
    } else {
      if (root !== undefined && stack.length === 0)
        fail('A second root element after the first', i);
      i = _startTag(src, i, stack, fail, decode, lineAt, (done) => {
        const parent = stack.at(-1);
        if (parent !== undefined) parent.children.push(done);
        else root = done;
      });
    }
  }
  const open = stack.at(-1);
  if (open !== undefined)
    fail(`Element <${open.qname}> opened on line ${open.line} is never closed`, src.length);
  if (root === undefined) return fail('The document has no root element', 0);
  return root;
}

/** XML 1.0 `Char`: tab, newline, carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
function _isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function _startTag(
  src: string,
  start: number,
  stack: _Building[],
  fail: (detail: string, at: number) => never,
  decode: (raw: string, at: number) => string,
  lineAt: (pos: number) => number,
  close: (done: XmlElement) => void,
): number {
  const nameMatch = NAME.exec(src.slice(start + 1, start + 201));
  if (nameMatch === null) fail('Expected an element name after "<"', start);
  const qname = (nameMatch as RegExpExecArray)[0];
  const attributes = new Map<string, string>();
  let i = start + 1 + qname.length;
  for (;;) {
    while (i < src.length && /\s/.test(src[i] as string)) i++;
    if (i >= src.length) fail(`Start tag <${qname}> is never finished`, start);
    if (src.startsWith('/>', i)) {
      close(_freeze({ ..._new(qname, attributes, lineAt(start)) }));
      return i + 2;
    }
    if (src[i] === '>') {
      stack.push(_new(qname, attributes, lineAt(start)));
      return i + 1;
    }
    const m = ATTRIBUTE.exec(src.slice(i, i + 4096));
    if (m === null)
      fail(`Malformed attribute in <${qname}>: ${JSON.stringify(src.slice(i, i + 30))}`, i);
    const [whole, name, dq, sq] = m as RegExpExecArray;
    attributes.set(_local(name as string), decode(dq ?? sq ?? '', i));
    i += (whole as string).length;
  }
}

function _new(qname: string, attributes: Map<string, string>, line: number): _Building {
  return { name: _local(qname), qname, attributes, children: [], text: '', line };
}

function _freeze(b: _Building): XmlElement {
  return {
    name: b.name,
    attributes: b.attributes,
    children: b.children,
    text: b.text,
    line: b.line,
  };
}

function _local(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function _endOfDoctype(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    if (src[i] === '[') depth++;
    else if (src[i] === ']') depth--;
    else if (src[i] === '>' && depth <= 0) return i;
  }
  return -1;
}

/**
 * The child elements with a given local name (case-insensitive), in document order.
 *
 * @example
 * ```ts
 * xmlChildren(parseXml('<a><B/><b/><c/></a>'), 'b').length; // => 2
 * ```
 */
export function xmlChildren(element: XmlElement, name: string): XmlElement[] {
  const want = name.toLowerCase();
  return element.children.filter((c) => c.name.toLowerCase() === want);
}

/**
 * The trimmed text of the first child with a given local name, or undefined when there is none.
 *
 * @example
 * ```ts
 * xmlChildText(parseXml('<a><id> X1 </id></a>'), 'ID'); // => 'X1'
 * ```
 */
export function xmlChildText(element: XmlElement, name: string): string | undefined {
  return xmlChildren(element, name)[0]?.text.trim();
}
