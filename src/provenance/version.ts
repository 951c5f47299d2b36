/**
 * Kindred's version, as in package.json (a test holds the two equal), written into every
 * answer's provenance.
 *
 * @module
 */

/** The package version. */
export const KINDRED_VERSION = '0.1.0';
