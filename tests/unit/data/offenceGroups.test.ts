/**
 * Offence groups of the categories each portal publishes most: Chicago Primary Type, police.uk
 * Crime type (all 14), NYPD OFNS_DESC (as truncated to 30 characters in the export), DataSF
 * Incident Category and LAPD Crm Cd Desc. Each expectation is the group a planner would file the
 * offence under, following the UCR split of crimes against persons (violent) and property.
 */
import { describe, expect, it } from 'vitest';
import { OFFENCE_GROUPS, type OffenceGroup } from '../../../src/data/incidentTable';
import { groupCodes, offenceGroupOf } from '../../../src/data/offenceGroups';

const EXPECTED: Record<string, [string, OffenceGroup][]> = {
  'Chicago (Primary Type)': [
    ['BATTERY', 'violent'],
    ['THEFT', 'property'],
    ['NARCOTICS', 'drugs'],
    ['CRIMINAL TRESPASS', 'disorder'],
    ['ASSAULT', 'violent'],
    ['CRIMINAL DAMAGE', 'property'],
    ['DECEPTIVE PRACTICE', 'property'],
    ['MOTOR VEHICLE THEFT', 'property'],
    ['ROBBERY', 'violent'],
    ['BURGLARY', 'property'],
    ['HOMICIDE', 'violent'],
    ['CRIMINAL SEXUAL ASSAULT', 'violent'],
    ['PUBLIC PEACE VIOLATION', 'disorder'],
    ['LIQUOR LAW VIOLATION', 'disorder'],
    ['OTHER NARCOTIC VIOLATION', 'drugs'],
    ['WEAPONS VIOLATION', 'other'],
    ['OTHER OFFENSE', 'other'],
  ],
  'police.uk (Crime type)': [
    ['Anti-social behaviour', 'disorder'],
    ['Bicycle theft', 'property'],
    ['Burglary', 'property'],
    ['Criminal damage and arson', 'property'],
    ['Drugs', 'drugs'],
    ['Other crime', 'other'],
    ['Other theft', 'property'],
    ['Possession of weapons', 'other'],
    ['Public order', 'disorder'],
    ['Robbery', 'violent'],
    ['Shoplifting', 'property'],
    ['Theft from the person', 'property'],
    ['Vehicle crime', 'property'],
    ['Violence and sexual offences', 'violent'],
  ],
  'NYC (OFNS_DESC)': [
    ['HARRASSMENT 2', 'disorder'],
    ['PETIT LARCENY', 'property'],
    ['GRAND LARCENY', 'property'],
    ['ASSAULT 3 & RELATED OFFENSES', 'violent'],
    ['FELONY ASSAULT', 'violent'],
    ['CRIMINAL MISCHIEF & RELATED OF', 'property'],
    ['DANGEROUS DRUGS', 'drugs'],
    ['OFF. AGNST PUB ORD SENSBLTY &', 'disorder'],
    ['SEX CRIMES', 'violent'],
    ['OTHER OFFENSES RELATED TO THEF', 'property'],
    ['CRIMINAL TRESPASS', 'disorder'],
    ['MURDER & NON-NEGL. MANSLAUGHTER', 'violent'],
    ['GRAND LARCENY OF MOTOR VEHICLE', 'property'],
    ['DISORDERLY CONDUCT', 'disorder'],
    ['MISCELLANEOUS PENAL LAW', 'other'],
  ],
  'San Francisco (Incident Category)': [
    ['Larceny Theft', 'property'],
    ['Malicious Mischief', 'property'],
    ['Assault', 'violent'],
    ['Drug Offense', 'drugs'],
    ['Disorderly Conduct', 'disorder'],
    ['Civil Sidewalks', 'disorder'],
    ['Stolen Property', 'property'],
    ['Lost Property', 'other'],
    ['Non-Criminal', 'other'],
    ['Warrant', 'other'],
  ],
  'Los Angeles (Crm Cd Desc)': [
    ['VEHICLE - STOLEN', 'property'],
    ['BATTERY - SIMPLE ASSAULT', 'violent'],
    ['BURGLARY FROM VEHICLE', 'property'],
    ['THEFT OF IDENTITY', 'property'],
    ['INTIMATE PARTNER - SIMPLE ASSAULT', 'violent'],
    ['VANDALISM - FELONY ($400 & OVER, ALL CHURCH VANDALISMS)', 'property'],
    ['CRIMINAL THREATS - NO WEAPON DISPLAYED', 'violent'],
    ['TRESPASSING', 'disorder'],
    ['DISTURBING THE PEACE', 'disorder'],
    ['SHOPLIFTING - PETTY THEFT ($950 & UNDER)', 'property'],
    ['SHOTS FIRED AT INHABITED DWELLING', 'violent'],
    ['OTHER MISCELLANEOUS CRIME', 'other'],
  ],
};

describe('offenceGroupOf', () => {
  for (const [portal, cases] of Object.entries(EXPECTED))
    it(portal, () => {
      const got = cases.map(([category]) => [category, offenceGroupOf(category)]);
      expect(got).toEqual(cases);
    });

  it('ignores letter case and falls back to other', () => {
    expect(offenceGroupOf('narcotics')).toBe('drugs');
    expect(offenceGroupOf('Theft')).toBe('property');
    expect(offenceGroupOf('Something unheard of')).toBe('other');
    expect(offenceGroupOf('')).toBe('other');
  });

  it('a drug word wins over a violent one (rules in order)', () => {
    expect(offenceGroupOf('DRUG-RELATED ASSAULT')).toBe('drugs');
  });
});

describe('groupCodes', () => {
  it('gives each dictionary code its group index; the empty category is other', () => {
    const codes = groupCodes(['', 'BATTERY', 'THEFT', 'NARCOTICS', 'CRIMINAL TRESPASS', 'X']);
    expect(Array.from(codes).map((g) => OFFENCE_GROUPS[g])).toEqual([
      'other',
      'violent',
      'property',
      'drugs',
      'disorder',
      'other',
    ]);
  });
});
