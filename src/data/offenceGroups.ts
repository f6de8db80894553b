/**
 * Offence groups: every portal's own category names mapped to five groups a planner can compare
 * across data sets — violent, property, drugs, disorder, other. The rules are keyword patterns
 * tried in order (drugs before violent, so "drug-related assault" stays violent only when no drug
 * word appears, etc.); the app shows the result and lets the user change any category's group.
 *
 * Checked against the category lists of Chicago (Primary Type), police.uk (Crime type), NYPD
 * (OFNS_DESC), San Francisco (Incident Category) and Los Angeles (Crm Cd Desc).
 */
import { OFFENCE_GROUPS, type OffenceGroup } from './incidentTable';

const RULES: [OffenceGroup, RegExp][] = [
  // SF's "Lost Property" is a report, not an offence against property.
  ['other', /lost property/i],
  ['drugs', /narcotic|drug|controlled substance|cannabis|marijuana/i],
  [
    'violent',
    // "sex crime": NYC's SEX CRIMES; "threat": LA's CRIMINAL THREATS (intimidation, as UCR counts it).
    /homicide|murder|manslaughter|assault|battery|robbery|rape|sexual|sex offen|sex crime|sodomy|kidnap|traffick|intimidat|threat|stalking|violen|shooting|shots fired|aggravated|lynching|brandish/i,
  ],
  [
    'property',
    // "thef": NYC truncates OFNS_DESC to 30 characters ("OTHER OFFENSES RELATED TO THEF").
    /thef|larceny|burglar|stolen|vehicle crime|shoplift|damage|vandal|mischief|arson|fraud|deceptive|forgery|counterfeit|embezzle|bicycle|property|pickpocket|purse snatch|identity|drunk roll/i,
  ],
  [
    'disorder',
    // "pub ord": NYC's OFF. AGNST PUB ORD SENSBLTY &; "the peace": LA's DISTURBING THE PEACE.
    /trespass|disorder|public peace|the peace|public order|pub ord|anti-social|antisocial|liquor|alcohol|gambling|prostitut|harr?ass|obscen|indecen|loiter|noise|interference|curfew|vagran|sidewalk|drunk|nuisance|panhandl/i,
  ],
];

/** The group of a category name by the keyword rules ('other' when none matches). */
export function offenceGroupOf(category: string): OffenceGroup {
  for (const [group, pattern] of RULES) if (pattern.test(category)) return group;
  return 'other';
}

/** Group codes (indices into OFFENCE_GROUPS) for a category dictionary. */
export function groupCodes(categories: readonly string[]): Uint8Array {
  const out = new Uint8Array(categories.length);
  categories.forEach((c, i) => {
    out[i] = OFFENCE_GROUPS.indexOf(c === '' ? 'other' : offenceGroupOf(c));
  });
  return out;
}
