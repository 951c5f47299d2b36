import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import {
  EMPTY_SECTION,
  formatImportReport,
  type ImportReport,
  reportToJSON,
} from './import-report.js';

const report: ImportReport = {
  file: 'refs.txt',
  format: 'genemapper',
  profiles: { added: ['S1', 'S2'], changed: ['S3'], unchanged: [] },
  families: EMPTY_SECTION,
  tables: EMPTY_SECTION,
  rejected: [
    {
      id: 'S9',
      error: new KindredError('INVALID_ALLELE', 'Sample "S9" has an off-ladder call', {
        path: ['line', 12, 'Allele 2'],
        file: 'refs.txt',
      }),
    },
  ],
  skipped: [{ id: 'Ladder', reason: 'sample name matches control pattern /ladder/i', line: 2 }],
  warnings: [
    {
      id: 'S2',
      line: 7,
      field: 'Marker',
      message: 'marker "X1" is not in the marker table: kept under that name',
    },
  ],
  applied: false,
};

describe('formatImportReport', () => {
  it('formatImportReport writes one line per non-empty section and every record with its line', () => {
    expect(formatImportReport(report)).toBe(
      [
        'dry run: refs.txt (genemapper)',
        '  profiles: 2 added, 1 changed, 0 unchanged',
        '  rejected: 1',
        '    S9: INVALID_ALLELE: Sample "S9" has an off-ladder call (refs.txt: line 12, column "Allele 2")',
        '  skipped: 1',
        '    Ladder (line 2): sample name matches control pattern /ladder/i',
        '  warnings: 1',
        '    S2 (line 7, Marker): marker "X1" is not in the marker table: kept under that name',
        '',
      ].join('\n'),
    );
  });

  it('formatImportReport lists the ids added and changed when verbose', () => {
    const text = formatImportReport({ ...report, applied: true }, { verbose: true });
    expect(text.split('\n').slice(0, 4)).toEqual([
      'imported: refs.txt (genemapper)',
      '  profiles: 2 added, 1 changed, 0 unchanged',
      '    added: S1, S2',
      '    changed: S3',
    ]);
  });

  it('reportToJSON gives each rejection its code, message, file and path', () => {
    const json = reportToJSON(report) as { rejected: unknown[]; applied: boolean };
    expect(json.applied).toBe(false);
    expect(json.rejected).toEqual([
      {
        id: 'S9',
        code: 'INVALID_ALLELE',
        message: 'Sample "S9" has an off-ladder call',
        file: 'refs.txt',
        path: 'line 12, column "Allele 2"',
      },
    ]);
  });
});
