/**
 * Dates and times as portals write them, read into floating wall-clock ms (`Date.UTC` of the
 * written fields). Every expected value below is `Date.UTC(…)` of the fields a person reads off the
 * string, so the test checks the same numbers under any TZ; `npm test` runs it under
 * TZ=America/Chicago and TZ=UTC, and one case sits in the hour Chicago skips for daylight saving.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../src/analysis/calendar';
import {
  DateReader,
  detectDateOrder,
  parseDateString,
  parseTimeOfDayString,
  type DateOrder,
} from '../../../src/data/dates';

const encoder = new TextEncoder();
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Reads with a fresh DateReader and returns the value and the precision it reports. */
function read(text: string, order: DateOrder = 'mdy'): [number, string] {
  const reader = new DateReader(order);
  const b = encoder.encode(text);
  return [reader.read(b, 0, b.length), reader.precision];
}

describe('12-hour clock', () => {
  it('12 AM is 00, 12 PM is 12, 1 PM is 13 (Chicago "MM/DD/YYYY hh:mm:ss AM")', () => {
    expect(parseDateString('01/01/2023 12:00:00 AM')).toBe(Date.UTC(2023, 0, 1, 0, 0, 0));
    expect(parseDateString('01/01/2023 12:30:15 AM')).toBe(Date.UTC(2023, 0, 1, 0, 30, 15));
    expect(parseDateString('01/01/2023 12:00:00 PM')).toBe(Date.UTC(2023, 0, 1, 12, 0, 0));
    expect(parseDateString('01/01/2023 01:00:00 PM')).toBe(Date.UTC(2023, 0, 1, 13, 0, 0));
    expect(parseDateString('01/01/2023 11:59:59 PM')).toBe(Date.UTC(2023, 0, 1, 23, 59, 59));
    expect(parseDateString('01/01/2023 01:00:00 am')).toBe(Date.UTC(2023, 0, 1, 1, 0, 0));
  });

  it('reads the first row of the Chicago homicide file', () => {
    // ID 27595: "06/28/2023 11:04:00 PM".
    expect(read('06/28/2023 11:04:00 PM')).toEqual([Date.UTC(2023, 5, 28, 23, 4, 0), 'time']);
  });

  it('rejects hours that a 12-hour clock cannot show', () => {
    expect(parseDateString('01/01/2023 13:00:00 PM')).toBeNaN();
    expect(parseDateString('01/01/2023 00:30:00 AM')).toBeNaN();
    expect(parseDateString('01/01/2023 AM')).toBeNaN();
  });
});

describe('layouts', () => {
  it('police.uk month-only "YYYY-MM" has precision month', () => {
    expect(read('2017-02')).toEqual([Date.UTC(2017, 1, 1), 'month']);
    expect(read('2017-12')).toEqual([Date.UTC(2017, 11, 1), 'month']);
    expect(parseDateString('2017-13')).toBeNaN();
    expect(parseDateString('2017-00')).toBeNaN();
  });

  it('a date alone has precision day', () => {
    expect(read('06/28/2023')).toEqual([Date.UTC(2023, 5, 28), 'day']);
    expect(read('2023-06-28')).toEqual([Date.UTC(2023, 5, 28), 'day']);
  });

  it('ISO with T, a fraction and a zone offset keeps the written wall-clock time', () => {
    const wall = Date.UTC(2023, 6, 19, 19, 40, 0);
    expect(parseDateString('2023-07-19T19:40:00')).toBe(wall);
    expect(parseDateString('2023-07-19T19:40:00Z')).toBe(wall);
    expect(parseDateString('2023-07-19T19:40:00+01:00')).toBe(wall);
    expect(parseDateString('2023-07-19T19:40:00-05:00')).toBe(wall);
    expect(parseDateString('2023-07-19T19:40:00.000')).toBe(wall);
    expect(parseDateString('2023-07-19T19:40:00.5')).toBe(wall + 500);
    expect(parseDateString('2023-07-19T19:40:00.123')).toBe(wall + 123);
    expect(parseDateString('2023-07-19T19:40:00.123456-05:00')).toBe(wall + 123);
    expect(parseDateString('2023-07-19 19:40')).toBe(wall);
  });

  it('San Francisco "YYYY/MM/DD hh:mm:ss AM"', () => {
    expect(read('2023/03/12 11:30:00 PM')).toEqual([Date.UTC(2023, 2, 12, 23, 30), 'time']);
    expect(parseDateString('2018/01/01 12:05:00 AM')).toBe(Date.UTC(2018, 0, 1, 0, 5));
  });

  it('a wall-clock time in the hour Chicago skips (2023-03-12 02:30) is kept as written', () => {
    expect(parseDateString('03/12/2023 02:30:00 AM')).toBe(Date.UTC(2023, 2, 12, 2, 30));
    // …and 01:30 on the night the clocks go back happens once, not twice.
    expect(parseDateString('11/05/2023 01:30:00 AM')).toBe(Date.UTC(2023, 10, 5, 1, 30));
  });

  it('day-first order reads DD/MM/YYYY', () => {
    expect(parseDateString('19/07/2023 19:40', 'dmy')).toBe(Date.UTC(2023, 6, 19, 19, 40));
    expect(parseDateString('01/02/2023', 'dmy')).toBe(Date.UTC(2023, 1, 1));
    expect(parseDateString('01/02/2023', 'mdy')).toBe(Date.UTC(2023, 0, 2));
    expect(parseDateString('07/19/2023', 'dmy')).toBeNaN();
    // Year-first values read the same whatever the order.
    expect(parseDateString('2023-07-19', 'dmy')).toBe(Date.UTC(2023, 6, 19));
  });
});

describe('time-of-day columns', () => {
  it('HH:MM:SS (NYC CMPLNT_FR_TM), hh:mm AM, and 24:00:00 as the end of the day', () => {
    expect(parseTimeOfDayString('19:40:00')).toBe(19 * HOUR + 40 * MINUTE);
    expect(parseTimeOfDayString('00:00:00')).toBe(0);
    expect(parseTimeOfDayString('23:59:59')).toBe(23 * HOUR + 59 * MINUTE + 59_000);
    expect(parseTimeOfDayString('7:40 PM')).toBe(19 * HOUR + 40 * MINUTE);
    expect(parseTimeOfDayString('12:15 AM')).toBe(15 * MINUTE);
    expect(parseTimeOfDayString('24:00:00')).toBe(MS_PER_DAY);
    expect(parseTimeOfDayString('24:00:01')).toBeNaN();
    expect(parseTimeOfDayString('25:00:00')).toBeNaN();
    expect(parseTimeOfDayString('10:60:00')).toBeNaN();
    expect(parseTimeOfDayString('')).toBeNaN();
  });

  it('Los Angeles TIME OCC as HHMM: 845 is 08:45, 5 is 00:05, 2400 is invalid', () => {
    expect(parseTimeOfDayString('845')).toBe(8 * HOUR + 45 * MINUTE);
    expect(parseTimeOfDayString('0845')).toBe(8 * HOUR + 45 * MINUTE);
    expect(parseTimeOfDayString('5')).toBe(5 * MINUTE);
    expect(parseTimeOfDayString('1200')).toBe(12 * HOUR);
    expect(parseTimeOfDayString('2359')).toBe(23 * HOUR + 59 * MINUTE);
    expect(parseTimeOfDayString('0')).toBe(0);
    expect(parseTimeOfDayString('2400')).toBeNaN();
    expect(parseTimeOfDayString('1260')).toBeNaN();
    expect(parseTimeOfDayString('12345')).toBeNaN();
  });
});

describe('invalid dates', () => {
  it('Feb 30, Feb 29 of a common year, month 13, hour 25, minute 60 → NaN', () => {
    expect(parseDateString('02/30/2023')).toBeNaN();
    expect(parseDateString('02/29/2023')).toBeNaN();
    expect(parseDateString('02/29/2024')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateString('04/31/2023')).toBeNaN();
    expect(parseDateString('13/01/2023')).toBeNaN();
    expect(parseDateString('00/10/2023')).toBeNaN();
    expect(parseDateString('2023-13-01')).toBeNaN();
    expect(parseDateString('01/01/2023 25:00:00')).toBeNaN();
    expect(parseDateString('01/01/2023 10:60:00')).toBeNaN();
    expect(parseDateString('01/01/2023 10:00:60')).toBeNaN();
  });

  it('text, two-digit years, years outside 1900–2100 and blanks → NaN', () => {
    for (const text of [
      '',
      '   ',
      'not a date',
      'Jan 5 2023',
      '01/01/23',
      '01/01/1899',
      '01/01/2101',
      '2023',
      '??/??/2023',
    ])
      expect(parseDateString(text), JSON.stringify(text)).toBeNaN();
  });

  it('a reader reused after a bad value reads the next one correctly', () => {
    const reader = new DateReader('mdy');
    const values = ['02/30/2023 10:00:00 AM', '2017-02', 'garbage', '06/28/2023 11:04:00 PM'].map(
      (t) => {
        const b = encoder.encode(t);
        return reader.read(b, 0, b.length);
      },
    );
    expect(values).toEqual([NaN, Date.UTC(2017, 1, 1), NaN, Date.UTC(2023, 5, 28, 23, 4)]);
    expect(reader.precision).toBe('time');
  });
});

describe('fixed-width fast path', () => {
  // `MM/DD/YYYY` and `MM/DD/YYYY hh:mm:ss AM` are read at fixed offsets. A leading space changes
  // the width, so `' ' + text` takes the general tokenizer: the two must always agree.
  const general = (text: string, order: DateOrder = 'mdy') => read(` ${text}`, order);

  it('gives the hand-checked values, 12:xx AM/PM included', () => {
    const cases: [string, number][] = [
      ['12/31/2025 11:52:00 PM', Date.UTC(2025, 11, 31, 23, 52, 0)],
      ['01/01/2023 12:00:00 AM', Date.UTC(2023, 0, 1, 0, 0, 0)],
      ['01/01/2023 12:59:59 AM', Date.UTC(2023, 0, 1, 0, 59, 59)],
      ['01/01/2023 12:00:00 PM', Date.UTC(2023, 0, 1, 12, 0, 0)],
      ['01/01/2023 12:30:45 pm', Date.UTC(2023, 0, 1, 12, 30, 45)],
      ['01/01/2023 01:00:00 AM', Date.UTC(2023, 0, 1, 1, 0, 0)],
      ['02/29/2024 06:07:08 am', Date.UTC(2024, 1, 29, 6, 7, 8)],
      ['03/12/2023 02:30:00 AM', Date.UTC(2023, 2, 12, 2, 30, 0)],
      ['07/04/1999', Date.UTC(1999, 6, 4)],
    ];
    for (const [text, expected] of cases) {
      expect(read(text)).toEqual(general(text));
      expect(read(text)[0]).toBe(expected);
    }
    expect(read('04/07/2023 01:02:03 PM', 'dmy')[0]).toBe(Date.UTC(2023, 6, 4, 13, 2, 3));
  });

  it('rejects what the general reader rejects', () => {
    for (const text of [
      '02/29/2023 10:00:00 AM', // not a leap year
      '13/01/2023 10:00:00 AM',
      '00/10/2023 10:00:00 AM',
      '01/01/2023 00:30:00 AM', // a 12-hour clock has no hour 0
      '01/01/2023 13:00:00 PM',
      '01/01/2023 10:60:00 AM',
      '01/01/2023 10:00:60 PM',
      '01/01/1899 10:00:00 AM',
      '01/01/2023 10:00:00 XM',
      '01/32/2023',
    ]) {
      expect(read(text)[0]).toBeNaN();
      expect(general(text)[0]).toBeNaN();
    }
  });

  it('falls back to the general reader for other shapes', () => {
    expect(read('1/2/2023 1:02:03 PM')[0]).toBe(Date.UTC(2023, 0, 2, 13, 2, 3));
    expect(read('01/02/2023 13:02:03   ')[0]).toBe(Date.UTC(2023, 0, 2, 13, 2, 3));
    expect(read('01-02-2023 01:02:03 PM')[0]).toBe(Date.UTC(2023, 0, 2, 13, 2, 3));
    expect(read('01/02/2023T01:02:03 PM')[0]).toBe(Date.UTC(2023, 0, 2, 13, 2, 3));
    expect(read('01/02/2023 01:02:03.5Z')[0]).toBe(Date.UTC(2023, 0, 2, 1, 2, 3, 500));
    expect(read('2023/01/02 01:02:03 PM')[0]).toBe(Date.UTC(2023, 0, 2, 13, 2, 3));
    expect(read('01/02/2023 01:02:03 PN')[0]).toBeNaN();
    expect(read('01/02/2023')).toEqual([Date.UTC(2023, 0, 2), 'day']);
    expect(read('2023-01-02')).toEqual([Date.UTC(2023, 0, 2), 'day']);
  });

  it('agrees with the general reader on random fixed-width fields', () => {
    const digit = fc.constantFrom(...'0123456789');
    const two = fc.oneof(
      fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
      fc.tuple(fc.constantFrom(...'0123456789x -/:'), digit).map(([a, b]) => a + b),
    );
    const year = fc.oneof(
      fc.integer({ min: 1890, max: 2110 }).map(String),
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    );
    const sep = (usual: string) =>
      fc.oneof(fc.constant(usual), fc.constantFrom('/', ':', ' ', '-', '.', 'T'));
    const marker = fc.constantFrom('AM', 'PM', 'am', 'pm', 'aM', 'Pm', 'XM', 'AN', '  ', '00');
    const text = fc
      .tuple(two, sep('/'), two, sep('/'), year, sep(' '), two, sep(':'), two, sep(':'), two)
      .chain((parts) => fc.tuple(fc.constant(parts.join('')), sep(' '), marker, fc.boolean()))
      .map(([body, gap, m, dateOnly]) => (dateOnly ? body.slice(0, 10) : body + gap + m));
    fc.assert(
      fc.property(text, fc.constantFrom<DateOrder>('mdy', 'dmy'), (t, order) => {
        const [fast, fastPrecision] = read(t, order);
        const [slow, slowPrecision] = general(t, order);
        expect(Object.is(fast, slow)).toBe(true);
        if (!Number.isNaN(fast)) expect(fastPrecision).toBe(slowPrecision);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('detectDateOrder', () => {
  it('day first when a first number exceeds 12, else month first', () => {
    expect(detectDateOrder(['19/07/2023', '01/02/2023'])).toBe('dmy');
    expect(detectDateOrder(['07/19/2023 10:00', '01/02/2023'])).toBe('mdy');
    expect(detectDateOrder(['01/02/2023', '03/04/2023'])).toBe('mdy');
    expect(detectDateOrder([])).toBe('mdy');
    expect(detectDateOrder(['2023-07-19', '2017-02'])).toBe('mdy');
    expect(detectDateOrder(['31.12.2022', '13-01-2023', '01/12/2023'])).toBe('dmy');
  });
});

describe('time zone independence', () => {
  it('gives Date.UTC values whatever TZ the process runs under', () => {
    // The machine's zone must not leak in: the same value as in a zone-free calculation.
    const reference = Date.UTC(2023, 6, 4, 21, 15, 0);
    expect(parseDateString('07/04/2023 09:15:00 PM')).toBe(reference);
    expect(new Date(reference).toISOString()).toBe('2023-07-04T21:15:00.000Z');
  });
});
