/**
 * CRC-32 (IEEE 802.3 / zlib / PNG polynomial 0x04C11DB7, reflected 0xEDB88320, initial and final
 * XOR 0xFFFFFFFF), table-driven and incremental, for the checksum of saved search indexes.
 * Check value: CRC-32("123456789") = 0xCBF43926 (Williams 1993, "A Painless Guide to CRC Error
 * Detection Algorithms", §15, CRC-32 parameter model).
 *
 * @module
 */

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * Continue a CRC-32 over more bytes. Start with `crc = 0`; feed chunks in order.
 *
 * @param bytes - the next chunk
 * @param crc - the CRC of everything before (0 at the start)
 * @returns the CRC of everything so far
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')).toString(16); // => 'cbf43926'
 * crc32(new TextEncoder().encode('6789'), crc32(new TextEncoder().encode('12345'))); // => 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
