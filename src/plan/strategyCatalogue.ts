/**
 * The strategy catalogue: what each strategy is, the problems it fits, how it is usually deployed,
 * and the evidence behind it.
 *
 * Every figure here comes from `shared/reference/strategy-evidence.md` and is one that file marks
 * VERIFIED; where it marks a figure PARTIAL or UNVERIFIED the study is cited without the figure (a unit
 * test checks that every number in this file appears in the evidence file, and that the known
 * unverified figures do not appear here). Findings are paraphrased as the sources state them.
 *
 * `strength` says how far one source supports the strategy working, for the outcome it names:
 * strong (systematic reviews or trials agreeing), moderate (a good trial, or a review with modest
 * effects), promising (favourable but early, small or single-site), mixed (favourable and null results,
 * or benefits on some outcomes only), weak (null results, weak designs, or no outcome measured).
 */
import type { MetricKind, StrategyScope } from './planSchema';

/** The offence groups of the incident table (src/data/incidentTable.ts `OFFENCE_GROUPS`). */
export type OffenceGroup = 'violent' | 'property' | 'drugs' | 'disorder' | 'other';

export type PlaceKind =
  | 'street'
  | 'residential'
  | 'commercial'
  | 'car-park'
  | 'public-housing'
  | 'nightlife'
  | 'transit'
  | 'park';

export type TimeFit = 'night' | 'evening' | 'daytime' | 'weekend' | 'any';

export type EvidenceStrength = 'strong' | 'moderate' | 'promising' | 'mixed' | 'weak';

export interface StrategyEvidence {
  /** Full citation. */
  source: string;
  /** The finding as the source states it. */
  finding: string;
  strength: EvidenceStrength;
}

export interface CatalogueEntry {
  id: string;
  name: string;
  /** Plain description. */
  description: string;
  /** Deployed in zones on the map (true) or to the agency, a unit or a district (false). */
  placeBased: boolean;
  /** Where the plan may attach it, the first being the usual one. */
  scopes: StrategyScope[];
  fits: {
    offenceGroups: OffenceGroup[];
    places: PlaceKind[];
    times: TimeFit[];
    /** The problems it fits, in words. */
    problems: string;
  };
  deployment: {
    zoneSize: string;
    dosage: string;
    hours: string;
  };
  evidence: StrategyEvidence[];
  /** The overall rating to show beside the name, and the one-line verdict behind it. */
  overall: { strength: EvidenceStrength; summary: string };
  /** Risks and caveats the planner should see. */
  cautions: string[];
  /** Suggested success metrics, the most usual first. */
  metrics: MetricKind[];
}

export const STRATEGY_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'foot-patrol',
    name: 'Foot patrol',
    description:
      'Officers walk a small beat continuously during set hours, built around the corners where violence concentrates.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['violent'],
      places: ['street', 'nightlife', 'public-housing'],
      times: ['evening', 'night'],
      problems:
        'Street violence at micro hot spots: aggravated assault, robbery, shootings; also fear of crime.',
    },
    deployment: {
      zoneSize:
        'Small areas around the highest violent-crime corners. Philadelphia 2009 beats averaged about 1.3 miles; the 2010 version on areas of about 3 miles had no effect. Newark 1981 beats had to be walkable in 45 minutes.',
      dosage:
        'Philadelphia 2009: officers in pairs, two pairs per area, Tuesday–Saturday in two shifts (10am–6pm and 6pm–2am), for a 12-week summer treatment.',
      hours: "The hours when the zone's violence peaks (see its hour × weekday profile).",
    },
    evidence: [
      {
        source:
          'Ratcliffe, Taniguchi, Groff & Wood (2011). The Philadelphia Foot Patrol Experiment: A randomized controlled trial of police patrol effectiveness in violent crime hotspots. Criminology 49(3):795–831, doi 10.1111/j.1745-9125.2011.00240.x',
        finding:
          'After the 12-week treatment, target areas outperformed controls by 23% on violent crime; net of displacement, 53 violent crimes were prevented. The effect was significant mainly in the top 40% of pre-treatment violent-crime areas. CrimeSolutions rates the program Effective.',
        strength: 'moderate',
      },
      {
        source:
          'CrimeSolutions (NIJ), program profile: Police Foot Patrol–Philadelphia 2010 (foot-patrol arm of the Philadelphia Policing Tactics Experiment)',
        finding:
          "No significant impact on violent crime, violent felonies, or citizens' perceptions of crime and safety, with veteran officers on areas of about 3 miles. Rated No Effects.",
        strength: 'weak',
      },
      {
        source: 'Police Foundation (Pate) (1981). The Newark Foot Patrol Experiment',
        finding:
          "Foot patrol may not have a significant effect on crime, but adding it lowered residents' fear and raised feelings of safety.",
        strength: 'mixed',
      },
      {
        source:
          'Piza & O’Hara (2014). Saturation Foot-Patrol in a High-Violence Area: A Quasi-Experimental Evaluation. Justice Quarterly 31(4):693–718',
        finding:
          'Total street violence, murder, shootings and non-domestic aggravated assault fell without displacement; robbery showed substantial temporal and spatial displacement.',
        strength: 'promising',
      },
    ],
    overall: {
      strength: 'mixed',
      summary:
        'Effective only when focused on micro violent-crime hot spots; the effect fades once officers are withdrawn. Not effective in general.',
    },
    cautions: [
      'The effect faded once officers were withdrawn.',
      'Dosage and design matter: the 2010 veteran-officer, larger-beat version had no effect.',
      'Philadelphia found some displacement to nearby areas.',
    ],
    metrics: ['incident-count', 'survey-trust'],
  },
  {
    id: 'hot-spots-policing',
    name: 'Hot spots policing',
    description:
      'Short, regular but unpredictable police visits to the few small places where crime concentrates.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['violent', 'property', 'drugs', 'disorder', 'other'],
      places: ['street', 'commercial', 'residential', 'nightlife', 'transit', 'public-housing'],
      times: ['any'],
      problems:
        'Crime of any type concentrated at micro places: addresses, street segments, small clusters.',
    },
    deployment: {
      zoneSize:
        'Addresses or buildings, block faces, street segments, or small clusters of these: a "small place" where crime is highly predictable over about a year.',
      dosage:
        '11–15 minute unpredictable visits; about 10 minutes is the threshold (Koper 1995; not replicated in other settings).',
      hours: 'The hours when each hot spot is busiest.',
    },
    evidence: [
      {
        source:
          'Braga, Turchan, Papachristos & Hureau (2019). Hot spots policing of small geographic areas effects on crime. Campbell Systematic Reviews e1046, doi 10.1002/cl2.1046',
        finding:
          'Small but meaningful crime reductions at the targeted places; diffusion of benefits to nearby areas more likely than displacement. CrimeSolutions rates the practice Effective for overall crime and Promising for violent, property, public-order and drug/alcohol offences.',
        strength: 'strong',
      },
      {
        source:
          'Braga, Turchan, Papachristos & Hureau (2019). Hot spots policing and crime reduction: an update of an ongoing systematic review and meta-analysis. Journal of Experimental Criminology 15(3):289–311, doi 10.1007/s11292-019-09372-3',
        finding:
          'Across 65 studies and 78 tests, a small, statistically significant mean effect favouring hot spots policing; the pooled displacement result favoured a small significant diffusion of benefits.',
        strength: 'strong',
      },
      {
        source:
          'Koper (1995). Just Enough Police Presence: Reducing Crime and Disorderly Behavior by Optimizing Patrol Time in Crime Hot Spots. Justice Quarterly 12(4):649–672',
        finding:
          'In observational data from the Minneapolis Preventive Patrol Experiment, stops of about 10 minutes were the threshold for residual deterrence and 11–15 minutes the optimum, with diminishing returns beyond. The finding has not been replicated in other settings.',
        strength: 'promising',
      },
      {
        source:
          'Braga, Papachristos & Hureau (2012). Hot spots policing effects on crime. Campbell Systematic Reviews 2012:8, doi 10.4073/csr.2012.8, and its later update',
        finding:
          'Problem-oriented interventions at hot spots gave larger effects than increased traditional enforcement.',
        strength: 'moderate',
      },
      {
        source:
          'Weisburd, Wyckoff, Ready, Eck, Hinkle & Gajewski (2006). Does crime just move around the corner? A controlled study of spatial displacement and diffusion of crime control benefits. Criminology 44(3):549–592',
        finding:
          'No spatial displacement in Jersey City drug and prostitution markets; benefits diffused to nearby areas. Some offenders adapted their methods.',
        strength: 'moderate',
      },
    ],
    overall: {
      strength: 'strong',
      summary:
        'Small but meaningful reductions at the targeted places, with diffusion of benefits more likely than displacement.',
    },
    cautions: [
      'Heavy-handed programmes, or ones focused too much on particular population groups, can drive a wedge between police and residents: pair this with community relations work.',
      'The 11–15 minute dosage comes from one study and has not been replicated in other settings.',
    ],
    metrics: ['incident-count', 'complaints'],
  },
  {
    id: 'problem-oriented-policing',
    name: 'Problem-oriented policing',
    description:
      'Analyse a recurring problem and tailor a response to its causes, following the SARA cycle: scanning, analysis, response, assessment.',
    placeBased: true,
    scopes: ['zones', 'district'],
    fits: {
      offenceGroups: ['violent', 'property', 'drugs', 'disorder', 'other'],
      places: [
        'street',
        'residential',
        'commercial',
        'car-park',
        'public-housing',
        'nightlife',
        'transit',
        'park',
      ],
      times: ['any'],
      problems:
        'Any recurring crime or disorder problem: a place, a group of victims or offenders, or a type of facility.',
    },
    deployment: {
      zoneSize:
        'A "problem": a place, a group of victims, a group of offenders or a type of facility.',
      dosage: 'Set by the problem-solving cycle, not by a fixed dosage.',
      hours: 'As the analysis finds.',
    },
    evidence: [
      {
        source:
          'Weisburd, Telep, Hinkle & Eck (2010). Is problem-oriented policing effective in reducing crime and disorder? Findings from a Campbell systematic review. Criminology & Public Policy 9(1):139–172',
        finding:
          'A modest but statistically significant overall effect on crime and disorder, from only 10 rigorous evaluations among more than 5,500 records screened; the more numerous but weaker pre/post studies were overwhelmingly positive.',
        strength: 'moderate',
      },
      {
        source:
          'Hinkle, Weisburd, Telep & Petersen (2020). Problem-oriented policing for reducing crime and disorder: An updated systematic review and meta-analysis. Campbell Systematic Reviews 16(2):e1089',
        finding:
          'Updated Campbell review of 34 studies (28 US, 5 UK, 1 Canada); it flags uneven implementation.',
        strength: 'moderate',
      },
    ],
    overall: {
      strength: 'moderate',
      summary:
        'Modest but significant reductions in crime and disorder; pairs well with hot spots, where it gave larger effects than enforcement alone.',
    },
    cautions: [
      'Implementation is uneven: many projects called problem-oriented are thin on analysis.',
    ],
    metrics: ['incident-count'],
  },
  {
    id: 'neighbourhood-watch',
    name: 'Neighbourhood watch',
    description:
      'Residents of a street or block watch for suspicious activity and report it to the police.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['property'],
      places: ['residential'],
      times: ['any'],
      problems: 'Residential crime.',
    },
    deployment: {
      zoneSize: 'A street or block ("block watch", "apartment watch", "home watch").',
      dosage: 'No established dosage.',
      hours: 'Not tied to hours.',
    },
    evidence: [
      {
        source:
          'Bennett, Holloway & Farrington (2008). The effectiveness of neighborhood watch. Campbell Systematic Reviews 2008:18, doi 10.4073/csr.2008.18',
        finding: 'Campbell systematic review and meta-analysis of neighbourhood watch evaluations.',
        strength: 'mixed',
      },
      {
        source:
          'Bennett, Holloway & Farrington. Does neighborhood watch reduce crime? A systematic review and meta-analysis',
        finding:
          'About half of the evaluated schemes were effective, most of the rest uncertain; 15 of 18 studies in the meta-analysis showed neighbourhood watch reduced crime.',
        strength: 'mixed',
      },
      {
        source:
          'Bennett, Holloway & Farrington (2009). A review of the effectiveness of neighbourhood watch. Security Journal 22(2):143–155',
        finding:
          'About half of schemes were effective; just under half showed no evidence of success.',
        strength: 'mixed',
      },
      {
        source:
          'Australian Institute of Criminology. Trends & Issues No. 303: Working together: Neighbourhood Watch, reassurance policing and the potential of partnerships',
        finding:
          'Few well-designed evaluations support neighbourhood watch; judge it as a partnership and reassurance vehicle rather than on crime outcomes.',
        strength: 'weak',
      },
    ],
    overall: {
      strength: 'weak',
      summary: 'Possible reduction; evidence mostly weak quasi-experiments.',
    },
    cautions: ['Evidence quality is weak: few well-designed evaluations.'],
    metrics: ['incident-count', 'survey-trust'],
  },
  {
    id: 'street-lighting-cpted',
    name: 'Street lighting and situational prevention (CPTED)',
    description:
      'Change the place rather than police it: better street lighting and other crime prevention through environmental design.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['violent', 'property'],
      places: ['street', 'residential', 'car-park', 'public-housing', 'park'],
      times: ['night', 'evening'],
      problems: 'Violent and property crime in public space, especially outdoors at night.',
    },
    deployment: {
      zoneSize:
        'Residential streets, car parks, campuses and similar settings. The NYC trial placed about 400 temporary light towers across 39 public-housing developments.',
      dosage: 'Lighting placed with resident and police input.',
      hours: 'Night-time.',
    },
    evidence: [
      {
        source:
          'Welsh & Farrington (2008). Effects of improved street lighting on crime. Campbell Systematic Reviews 2008:13, doi 10.4073/csr.2008.13',
        finding:
          'Across 13 studies (8 US, 5 UK), violent and property crime fell by an average of 21% in areas with improved lighting compared with areas without (College of Policing summary).',
        strength: 'moderate',
      },
      {
        source:
          'Chalfin, Hansen, Lerner & Parker (2022). Reducing Crime Through Environmental Design: Evidence from a Randomized Experiment of Street Lighting in New York City. Journal of Quantitative Criminology 38(1):127–157 (NBER w25798)',
        finding:
          'After accounting for spillovers, at least a 36% reduction in night-time outdoor index crimes. CrimeSolutions rates the program Promising.',
        strength: 'promising',
      },
      {
        source:
          'Painter & Farrington (1999). Street lighting and crime: diffusion of benefits in the Stoke-on-Trent project. Crime Prevention Studies 10:77–122',
        finding:
          'Crime incidence fell 43% in the experimental area and 45% in the adjacent area, versus 2% in the control area, suggesting diffusion of benefits.',
        strength: 'promising',
      },
      {
        source:
          'Painter & Farrington (2001). The financial benefits of improved street lighting, based on crime reduction. Lighting Research & Technology 33(1)',
        finding:
          'Savings from crimes prevented exceeded costs by 2.4–10× after one year (Dudley and Stoke).',
        strength: 'promising',
      },
    ],
    overall: {
      strength: 'moderate',
      summary: 'A low-backlash, cost-effective option for public-space crime.',
    },
    cautions: [
      'For other CPTED elements (defensible space, access control) no systematic evidence was retrieved.',
      'Comparison areas in the primary studies were sometimes adjacent, so estimates may be biased by displacement or diffusion.',
      'A dissenting review (Clark 2002) argues there is no reliable crime benefit and raises glare and light-pollution concerns.',
    ],
    metrics: ['incident-count'],
  },
  {
    id: 'cctv',
    name: 'CCTV',
    description:
      'Cameras over car parks, residential areas, town centres or transport, best actively monitored and combined with other measures.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['property'],
      places: ['car-park', 'residential', 'transit'],
      times: ['any'],
      problems: 'Vehicle and property crime, especially in car parks.',
    },
    deployment: {
      zoneSize:
        'Camera schemes in car parks, residential areas, town centres and public transport.',
      dosage: 'Active monitoring and combination with other measures.',
      hours: 'Continuous.',
    },
    evidence: [
      {
        source:
          'Piza, Welsh, Farrington & Thomas (2019). CCTV surveillance for crime prevention: A 40-year systematic review with meta-analysis. Criminology & Public Policy 18(1):135–159, doi 10.1111/1745-9133.12419',
        finding:
          'A significant and modest decrease in crime; the largest and most consistent effect in car parks, significant in residential areas; active monitoring and multiple co-interventions give larger effects.',
        strength: 'moderate',
      },
      {
        source:
          'Gill & Spriggs (2005). Assessing the impact of CCTV. Home Office Research Study 292',
        finding:
          'Most schemes evaluated did not reduce crime; where crime fell, it was mostly not due to CCTV.',
        strength: 'weak',
      },
      {
        source:
          'Ashby (2017). The Value of CCTV Surveillance Cameras as an Investigative Tool: An Empirical Analysis, doi 10.1007/s10610-017-9341-6',
        finding:
          'In 251,195 British Transport Police crimes, CCTV was available in 45% of cases and useful in 29%; useful footage was linked to higher solve rates for most crime types.',
        strength: 'moderate',
      },
    ],
    overall: {
      strength: 'moderate',
      summary:
        'A modest decrease, mainly for vehicle and property crime in car parks; not as a stand-alone town-centre scheme.',
    },
    cautions: [
      'Consult on privacy before installing cameras.',
      'Stand-alone town-centre schemes have the weakest record.',
    ],
    metrics: ['incident-count'],
  },
  {
    id: 'focused-deterrence',
    name: 'Focused deterrence',
    description:
      'An interagency group identifies the groups or people driving violence or a drug market, tells them directly what sanctions will follow and what help is on offer, and follows through.',
    placeBased: false,
    scopes: ['district', 'agency', 'zones'],
    fits: {
      offenceGroups: ['violent', 'drugs'],
      places: ['street'],
      times: ['any'],
      problems:
        'Gang and group-involved violence, overt drug markets, and individual repeat offenders.',
    },
    deployment: {
      zoneSize:
        'A group or set of offenders, or a drug-market area; usually citywide or district-wide, linked to zones such as drug-market blocks.',
      dosage:
        'Interagency working group, problem analysis, call-in or notification meetings, and follow-through enforcement against groups that continue.',
      hours: 'Not tied to hours.',
    },
    evidence: [
      {
        source:
          'Braga, Weisburd & Turchan (2018). Focused Deterrence Strategies and Crime Control: An Updated Systematic Review and Meta-Analysis of the Empirical Evidence. Criminology & Public Policy 17(1), doi 10.1111/1745-9133.12353',
        finding:
          'An overall statistically significant, moderate crime-reduction effect across 24 quasi-experimental evaluations; smaller in more rigorous designs. CrimeSolutions rates the practice Promising.',
        strength: 'promising',
      },
      {
        source:
          'Braga, Weisburd & Turchan (2019). Focused deterrence strategies effects on crime: A systematic review. Campbell Systematic Reviews 15(3):e1051',
        finding:
          'Moderate overall reductions; crime not displaced, with diffusion to adjacent areas and socially connected groups more likely.',
        strength: 'moderate',
      },
      {
        source:
          "Braga & Weisburd (2012). The Effects of 'Pulling Levers' Focused Deterrence Strategies on Crime. Campbell review; also Journal of Research in Crime and Delinquency 49(3):323–358",
        finding:
          '9 of 10 eligible evaluations reported significant crime reductions; a medium-sized overall effect.',
        strength: 'moderate',
      },
      {
        source:
          'RAND synthetic-control evaluation of the High Point Drug Market Intervention, as reported in Braga, Weisburd & Turchan (2019)',
        finding:
          'In the following year, calls for service fell 16% and violent crime 34% relative to synthetic controls; no significant displacement.',
        strength: 'promising',
      },
    ],
    overall: {
      strength: 'promising',
      summary:
        'Moderate reductions in group violence and drug-market crime; the strongest effects came from the weakest designs.',
    },
    cautions: [
      'The strongest effects came from the weakest designs; the original Boston evaluation has been criticised as a weak quasi-experiment.',
      'Not a zone-patrol tactic: it targets groups and networks.',
    ],
    metrics: ['incident-count'],
  },
  {
    id: 'de-escalation-training',
    name: 'De-escalation training',
    description:
      'Training officers to slow down and defuse encounters with people in crisis or behaving erratically, to reduce force and injuries.',
    placeBased: false,
    scopes: ['agency', 'district'],
    fits: {
      offenceGroups: [],
      places: [],
      times: ['any'],
      problems:
        'Police use of force and injuries to citizens and officers, in encounters with people behaving erratically who are unarmed or armed with less than a firearm.',
    },
    deployment: {
      zoneSize: 'Officers, divisions or the whole agency, through training; not zone-based.',
      dosage:
        'Louisville: ICAT training rolled out across divisions in 2019 (stepped wedge), with about 10 months of follow-up.',
      hours: 'Not tied to hours.',
    },
    evidence: [
      {
        source:
          'Engel, Corsaro, Isaza & McManus (2022). Assessing the impact of de-escalation training on police behavior: Reducing police use of force in the Louisville, KY Metro Police Department. Criminology & Public Policy 21(2):199–233',
        finding:
          'After training, use-of-force incidents fell 28.1%, citizen injuries 26.3% and officer injuries 36.0% (stepped-wedge randomised trial). CrimeSolutions rates ICAT De-escalation Training Effective.',
        strength: 'moderate',
      },
      {
        source:
          'Engel, McManus & Herold (2020). Does de-escalation training work? A systematic review and call for evidence in police use-of-force reform. Criminology & Public Policy 19(3):721–759, doi 10.1111/1745-9133.12467',
        finding:
          'Across 64 evaluations over 40 years, mostly in nursing and psychiatry: few adverse effects and "slight-to-moderate" improvements, but almost all designs were weak; the impact for police is unknown.',
        strength: 'weak',
      },
    ],
    overall: {
      strength: 'moderate',
      summary:
        'Reduced force and injuries in one good trial (Louisville); the wider evidence is thin.',
    },
    cautions: [
      'One trial: the evidence outside Louisville is thin and mostly not from policing.',
      'The effect may need reinforcement.',
      'Suggested as a safety companion to high-contact tactics such as foot patrol and hot spots policing.',
    ],
    metrics: ['use-of-force', 'injuries', 'complaints'],
  },
  {
    id: 'procedural-justice',
    name: 'Procedural-justice work',
    description:
      'Officers treat people fairly and respectfully, explain decisions and listen, in every encounter, to build trust and cooperation.',
    placeBased: false,
    scopes: ['agency', 'district'],
    fits: {
      offenceGroups: [],
      places: [],
      times: ['any'],
      problems: 'Perceived legitimacy, satisfaction, confidence, compliance and cooperation.',
    },
    deployment: {
      zoneSize:
        'The individual encounter, scripted in training (including traffic stops); not zone-based.',
      dosage:
        'In QCET, procedurally just encounters lasted about 1.5 minutes on average, against 20–30 seconds for business as usual; a follow-up found the optimum just under 2 minutes.',
      hours: 'Not tied to hours.',
    },
    evidence: [
      {
        source:
          'Mazerolle, Bennett, Davis, Sargeant & Manning (2013). Legitimacy in Policing: A Systematic Review. Campbell Systematic Reviews 2013:1, doi 10.4073/csr.2013.1',
        finding:
          "Police-led interventions with procedural-justice dialogue improved citizens' views; every direct outcome was positive and significant except legitimacy itself (positive but not significant).",
        strength: 'moderate',
      },
      {
        source:
          'Mazerolle, Bennett, Antrobus & Eggins (2012). Procedural justice, routine encounters and citizen perceptions of police: main findings from the Queensland Community Engagement Trial (QCET). Journal of Experimental Criminology 8(4):343–367',
        finding:
          'Drivers who received the scripted, procedurally just encounter reported more trust, confidence and satisfaction with police (cluster randomised trial of 60 random-breath-test operations).',
        strength: 'moderate',
      },
      {
        source:
          'Mazerolle, Bates, Bennett, White, Ferris & Antrobus (2015). Australian & New Zealand Journal of Criminology 48(2):256–276',
        finding: 'The optimum length of a procedurally just encounter was just under 2 minutes.',
        strength: 'promising',
      },
    ],
    overall: {
      strength: 'moderate',
      summary: 'Builds trust and legitimacy; no proven direct crime reduction.',
    },
    cautions: [
      'Outcomes are perceptions; an effect on crime is unproven.',
      'QCET may have a measurement bias: there were no pre-encounter surveys.',
    ],
    metrics: ['survey-trust', 'complaints'],
  },
  {
    id: 'community-meetings',
    name: 'Community meetings',
    description:
      'Regular beat or neighbourhood meetings where residents and officers agree on local problems and report back on what was done.',
    placeBased: true,
    scopes: ['zones', 'district'],
    fits: {
      offenceGroups: ['disorder', 'other'],
      places: ['residential', 'public-housing', 'commercial'],
      times: ['any'],
      problems:
        'Satisfaction, perceived disorder and legitimacy; setting local priorities with residents.',
    },
    deployment: {
      zoneSize: 'A beat or neighbourhood.',
      dosage: 'No established dosage.',
      hours: 'Evenings, when residents can attend.',
    },
    evidence: [
      {
        source:
          'Gill, Weisburd, Telep, Vitter & Bennett (2014). Community-oriented policing to reduce crime, disorder and fear and increase satisfaction and legitimacy among citizens: a systematic review. Journal of Experimental Criminology 10(4):399–428',
        finding:
          'Positive effects on citizen satisfaction, perceived disorder and legitimacy; limited effects on crime and fear of crime.',
        strength: 'mixed',
      },
    ],
    overall: {
      strength: 'weak',
      summary:
        'Builds satisfaction and legitimacy; no rigorous crime-outcome study of community meetings themselves was found.',
    },
    cautions: ['No rigorous crime-outcome study of community meetings specifically was retrieved.'],
    metrics: ['survey-trust', 'custom'],
  },
  {
    id: 'bike-patrol',
    name: 'Bike patrol',
    description: 'Directed patrol by bicycle in areas hard to reach by car.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['disorder', 'drugs', 'property'],
      places: ['nightlife', 'park', 'residential', 'street'],
      times: ['any'],
      problems:
        'Practitioners use it in entertainment districts, apartment complexes, parks and open drug markets.',
    },
    deployment: {
      zoneSize: 'Areas hard to reach by car.',
      dosage: 'No established dosage.',
      hours: 'As needed.',
    },
    evidence: [
      {
        source:
          'Menton (2008). Bicycle patrols: an underutilized resource. Policing: An International Journal of Police Strategies & Management 31(1):93–108',
        finding:
          'Bike patrols had more than twice as many public contacts as car patrols, and tactical advantages; no crime outcome was measured.',
        strength: 'weak',
      },
    ],
    overall: {
      strength: 'weak',
      summary: 'An evidence gap: no crime-outcome evidence was found.',
    },
    cautions: ['Officer safety (no vehicle protection) and limited equipment capacity.'],
    metrics: ['incident-count', 'survey-trust'],
  },
  {
    id: 'business-watch',
    name: 'Business watch',
    description:
      'Businesses in a commercial district share information and watch out for each other, sometimes with shared private security.',
    placeBased: true,
    scopes: ['zones'],
    fits: {
      offenceGroups: ['property', 'violent'],
      places: ['commercial'],
      times: ['daytime', 'evening'],
      problems: 'Robbery and street crime in commercial districts.',
    },
    deployment: {
      zoneSize: 'A commercial district.',
      dosage: 'No established dosage.',
      hours: 'Trading hours.',
    },
    evidence: [
      {
        source:
          'MacDonald, Golinelli, Stokes & Bluthenthal (2010). The effect of business improvement districts on the incidence of violent crimes. Injury Prevention 16(5):327–332',
        finding:
          'Business improvement districts (a proxy: no business-watch scheme was evaluated) were associated with 12% less robbery (95% interval −2 to 24) and 8% less total violent crime (−5 to 21); both intervals include no effect.',
        strength: 'weak',
      },
    ],
    overall: {
      strength: 'weak',
      summary: 'No direct evaluation; business improvement district evidence is a weak proxy.',
    },
    cautions: ['No rigorous evaluation of business watch schemes themselves was found.'],
    metrics: ['incident-count'],
  },
  {
    id: 'youth-diversion',
    name: 'Police-led youth diversion',
    description:
      'Warning, counselling and release, or cautioning, for low-risk young people at first contact, instead of formal processing.',
    placeBased: false,
    scopes: ['agency', 'district'],
    fits: {
      offenceGroups: ['property', 'disorder', 'drugs', 'other'],
      places: [],
      times: ['any'],
      problems: 'Future delinquency and reoffending by young people aged 12–17.',
    },
    deployment: {
      zoneSize: 'The individual young person at first contact; not zone-based.',
      dosage: 'Warning, counselling and release, or cautioning.',
      hours: 'Not tied to hours.',
    },
    evidence: [
      {
        source:
          'Wilson, Brennan & Olaghere (2018). Police-initiated diversion for youth to prevent future delinquent behavior: A systematic review. Campbell Systematic Reviews 14(1):1–88, doi 10.4073/csr.2018.5',
        finding:
          'Diversion reduced future delinquency of low-risk youth compared with traditional processing: where traditional processing gives 50% reoffending, diversion gives about 44%.',
        strength: 'moderate',
      },
    ],
    overall: {
      strength: 'moderate',
      summary: 'Less reoffending among low-risk youth diverted at first contact.',
    },
    cautions: ['Shown for low-risk youth only; other youth outreach models were not reviewed.'],
    metrics: ['custom'],
  },
];

const BY_ID = new Map(STRATEGY_CATALOGUE.map((e) => [e.id, e]));

/** The catalogue entry with this id, or undefined for a planner's own strategy. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return BY_ID.get(id);
}
