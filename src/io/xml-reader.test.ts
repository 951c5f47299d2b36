import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseXml, xmlChildren, xmlChildText } from './xml-reader.js';

function expectParseError(text: string, line: number, fragment: string) {
  try {
    parseXml(text, 'f.xml');
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({ code: 'PARSE_ERROR', path: ['line', line], file: 'f.xml' });
    expect((e as Error).message).toContain(fragment);
  }
}

describe('parseXml', () => {
  it('parseXml reads elements, attributes, text and entities, dropping namespace prefixes', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c -->\n<ns:a xmlns:ns="urn:x" ns:k=\'v\'>\n  <b n="1 &lt; 2">x &amp; y &#65;&#x42;</b>\n  <c/>\n</ns:a>\n',
    );
    expect(root.name).toBe('a');
    expect(root.attributes.get('k')).toBe('v');
    expect(root.children.map((c) => [c.name, c.line])).toEqual([
      ['b', 4],
      ['c', 5],
    ]);
    expect(root.children[0]?.attributes.get('n')).toBe('1 < 2');
    expect(root.children[0]?.text).toBe('x & y AB');
  });

  it('parseXml keeps CDATA as text and skips a DOCTYPE with an internal subset', () => {
    const root = parseXml('<!DOCTYPE a [ <!ELEMENT a ANY> ]><a><![CDATA[<raw> & ]]></a>');
    expect(root.text).toBe('<raw> & ');
  });

  it('parseXml reports a mismatched end tag with the line of both tags', () => {
    expectParseError('<a>\n<b>\n</c>\n</a>', 3, 'End tag </c> does not match <b> opened on line 2');
  });

  it('parseXml reports an element never closed', () => {
    expectParseError('<a>\n<b>text', 2, 'Element <b> opened on line 2 is never closed');
  });

  it('parseXml refuses a character reference to no XML character, naming line and value', () => {
    expectParseError('<a>\n<b>F&#99999999;</b></a>', 2, 'Character reference "&#99999999;"');
    expectParseError('<a>&#0;</a>', 1, '"&#0;" is not a character XML allows');
    expectParseError('<a x="&#xD800;"/>', 1, '(code point 0xD800)');
    expectParseError('<a>&#x110000;</a>', 1, '&#x110000;');
    expect(parseXml('<a>&#x10FFFF;&#9;&#xE000;</a>').text).toBe('\u{10FFFF}\t\uE000');
  });

  it('parseXml reports an unknown entity and a bare ampersand', () => {
    expectParseError('<a>\n&nbsp;</a>', 2, 'Unknown entity "&nbsp;"');
    expectParseError('<a>R&D</a>', 1, 'Bare "&"');
  });

  it('parseXml reports a second root and text outside the root', () => {
    expectParseError('<a/>\n<b/>', 2, 'second root');
    expectParseError('<a/>\nstray', 2, 'Text outside the root');
  });

  it('parseXml treats __proto__ as an ordinary attribute name', () => {
    const root = parseXml('<a __proto__="1" constructor="2"/>');
    expect([...root.attributes]).toEqual([
      ['__proto__', '1'],
      ['constructor', '2'],
    ]);
  });
});

describe('xmlChildren / xmlChildText', () => {
  it('xmlChildren matches local names case-insensitively; xmlChildText trims', () => {
    const root = parseXml('<r><SPECIMEN><SpecimenID> S1 </SpecimenID></SPECIMEN><specimen/></r>');
    expect(xmlChildren(root, 'specimen')).toHaveLength(2);
    expect(xmlChildText(xmlChildren(root, 'SPECIMEN')[0]!, 'SPECIMENID')).toBe('S1');
    expect(xmlChildText(root, 'missing')).toBeUndefined();
  });
});
