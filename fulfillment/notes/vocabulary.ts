/**
 * The vocabulary of {@link LocalVocabularyExtractor}: a small, real subset of ICD-10-CM (FY2025 codes)
 * and RxNorm (ingredient-level RxCUIs) for what callers most often describe. Phrases are regular
 * expression sources, matched case-insensitively on word boundaries; the first phrase of an entry is
 * its canonical wording (a slightly higher score, as a model is surer of the textbook term).
 */

/** A condition the caller may describe, with its ICD-10-CM code. */
export interface ConditionTerm {
  readonly phrases: readonly string[];
  /** ICD-10-CM code with its dot, as InferICD10CM returns it (e.g. `R05.9`). */
  readonly code: string;
  /** ICD-10-CM short description. */
  readonly description: string;
  /** Confidence of the code link for the canonical phrase. @default 0.85 */
  readonly confidence?: number;
}

/** A medication the caller may name, with its RxNorm ingredient RxCUI. */
export interface MedicationTerm {
  /** Generic names (entity type `GENERIC_NAME`). */
  readonly generic: readonly string[];
  /** Brand names (entity type `BRAND_NAME`). */
  readonly brands: readonly string[];
  /** RxNorm ingredient RxCUI. */
  readonly rxcui: string;
  /** RxNorm ingredient name. */
  readonly ingredient: string;
}

/** Conditions, most specific first (longer phrases win over the generic "pain"). */
export const CONDITIONS: readonly ConditionTerm[] = [
  { phrases: ['chest pains?', 'pain in (?:my|the) chest', 'chest hurts', 'chest (?:pressure|tightness)'], code: 'R07.9', description: 'Chest pain, unspecified' },
  { phrases: ['shortness of breath', 'short of breath', 'out of breath', 'winded'], code: 'R06.02', description: 'Shortness of breath' },
  { phrases: ['trouble breathing', 'difficulty breathing', 'hard to breathe', "can'?t breathe", 'cannot breathe'], code: 'R06.00', description: 'Dyspnea, unspecified' },
  { phrases: ['wheezing', 'wheezy'], code: 'R06.2', description: 'Wheezing' },
  { phrases: ['coughing up blood'], code: 'R04.2', description: 'Hemoptysis' },
  { phrases: ['cough', 'coughing'], code: 'R05.9', description: 'Cough, unspecified' },
  { phrases: ['sore throat', 'throat (?:hurts|pain)', 'scratchy throat'], code: 'R07.0', description: 'Pain in throat' },
  { phrases: ['runny nose', 'nose is running'], code: 'J34.89', description: 'Other specified disorders of nose and nasal sinuses' },
  { phrases: ['nasal congestion', 'stuffy nose', 'stuffed up', 'congested', 'congestion'], code: 'R09.81', description: 'Nasal congestion' },
  { phrases: ['sneezing'], code: 'R06.7', description: 'Sneezing' },
  { phrases: ['migraines?'], code: 'G43.909', description: 'Migraine, unspecified, not intractable, without status migrainosus' },
  { phrases: ['headaches?', 'head ?aches?', 'head hurts', 'head is (?:killing|pounding)'], code: 'R51.9', description: 'Headache, unspecified' },
  { phrases: ['fever', 'feverish', 'running a temperature', 'high temperature', 'temperature'], code: 'R50.9', description: 'Fever, unspecified' },
  { phrases: ['chills'], code: 'R68.83', description: 'Chills (without fever)' },
  { phrases: ['night sweats', 'sweating', 'sweaty'], code: 'R61', description: 'Generalized hyperhidrosis' },
  { phrases: ['nausea', 'nauseous', 'nauseated', 'sick to my stomach', 'queasy'], code: 'R11.0', description: 'Nausea' },
  { phrases: ['vomiting', 'vomited', 'throwing up', 'threw up', 'throw up'], code: 'R11.10', description: 'Vomiting, unspecified' },
  { phrases: ['diarrh(?:e|o)ea', 'diarrhea', 'loose stools?', 'the runs'], code: 'R19.7', description: 'Diarrhea, unspecified' },
  { phrases: ['constipation', 'constipated'], code: 'K59.00', description: 'Constipation, unspecified' },
  { phrases: ['heartburn', 'acid reflux'], code: 'R12', description: 'Heartburn' },
  { phrases: ['abdominal pain', 'stomach ?aches?', 'stomach (?:pain|hurts|cramps)', 'belly (?:pain|ache|hurts)', 'tummy ache', 'pain in (?:my|the) (?:stomach|belly|abdomen)'], code: 'R10.9', description: 'Unspecified abdominal pain' },
  { phrases: ['(?:low|lower) back pain', 'pain in (?:my|the) lower back', 'lower back hurts'], code: 'M54.50', description: 'Low back pain, unspecified' },
  { phrases: ['back pain', 'back hurts', 'backache'], code: 'M54.9', description: 'Dorsalgia, unspecified', confidence: 0.75 },
  { phrases: ['neck pain', 'neck hurts', 'stiff neck'], code: 'M54.2', description: 'Cervicalgia' },
  { phrases: ['knee pain', 'knee hurts', 'knees hurt'], code: 'M25.569', description: 'Pain in unspecified knee' },
  { phrases: ['joint pain', 'joints hurt', 'achy joints'], code: 'M25.50', description: 'Pain in unspecified joint' },
  { phrases: ['body aches', 'muscle aches', 'muscle pain', 'aching all over', 'achy'], code: 'M79.10', description: 'Myalgia, unspecified site' },
  { phrases: ['ear ?aches?', 'ear pain', 'ear hurts'], code: 'H92.09', description: 'Otalgia, unspecified ear' },
  { phrases: ['dizziness', 'dizzy', 'light ?-?headed(?:ness)?', 'vertigo', 'room is spinning'], code: 'R42', description: 'Dizziness and giddiness' },
  { phrases: ['fainted', 'fainting', 'passed out', 'blacked out'], code: 'R55', description: 'Syncope and collapse' },
  { phrases: ['fatigue', 'tired', 'exhausted', 'worn out', 'run down'], code: 'R53.83', description: 'Other fatigue' },
  { phrases: ['weakness', 'weak'], code: 'R53.1', description: 'Weakness' },
  { phrases: ['palpitations', 'heart (?:is )?racing', 'heart (?:is )?pounding', 'heart (?:is )?fluttering'], code: 'R00.2', description: 'Palpitations' },
  { phrases: ['swelling', 'swollen'], code: 'R60.0', description: 'Localized edema' },
  { phrases: ['rash', 'red spots', 'breaking out'], code: 'R21', description: 'Rash and other nonspecific skin eruption' },
  { phrases: ['hives'], code: 'L50.9', description: 'Urticaria, unspecified' },
  { phrases: ['itching', 'itchy'], code: 'L29.9', description: 'Pruritus, unspecified' },
  { phrases: ['burning (?:when|while) I (?:pee|urinate)', 'painful urination', 'hurts to (?:pee|urinate)', 'burns (?:when|to) (?:I )?(?:pee|urinate)'], code: 'R30.0', description: 'Dysuria' },
  { phrases: ['peeing a lot', 'frequent urination', 'urinating (?:a lot|often)'], code: 'R35.0', description: 'Frequency of micturition' },
  { phrases: ['loss of appetite', 'lost my appetite', 'poor appetite'], code: 'R63.0', description: 'Anorexia' },
  { phrases: ['weight loss', 'losing weight', 'lost weight'], code: 'R63.4', description: 'Abnormal weight loss' },
  { phrases: ['numbness', 'numb'], code: 'R20.0', description: 'Anesthesia of skin' },
  { phrases: ['tingling', 'pins and needles'], code: 'R20.2', description: 'Paresthesia of skin' },
  { phrases: ['blurr(?:y|ed) vision', 'vision is blurry', 'double vision'], code: 'H53.8', description: 'Other visual disturbances' },
  { phrases: ['face (?:is )?drooping', 'facial droop', 'drooping face'], code: 'R29.810', description: 'Facial weakness' },
  { phrases: ['slurred speech', 'slurring (?:my )?words', 'speech is slurred'], code: 'R47.81', description: 'Slurred speech' },
  { phrases: ['confusion', 'confused', 'disoriented'], code: 'R41.0', description: 'Disorientation, unspecified' },
  { phrases: ['seizures?', 'convulsions?'], code: 'R56.9', description: 'Unspecified convulsions' },
  { phrases: ['suicidal(?: thoughts)?', 'thoughts of (?:suicide|killing myself)', 'want to (?:die|kill myself)'], code: 'R45.851', description: 'Suicidal ideations' },
  { phrases: ['bleeding', 'blood in (?:my )?(?:stool|urine)'], code: 'R58', description: 'Hemorrhage, not elsewhere classified', confidence: 0.7 },
  { phrases: ["can'?t sleep", 'trouble sleeping', 'insomnia', 'unable to sleep'], code: 'G47.00', description: 'Insomnia, unspecified' },
  { phrases: ['anxiety', 'anxious', 'panic attacks?'], code: 'F41.9', description: 'Anxiety disorder, unspecified', confidence: 0.7 },
  { phrases: ['arm pain', 'arm hurts'], code: 'M79.603', description: 'Pain in arm, unspecified' },
  { phrases: ['leg pain', 'leg hurts', 'legs hurt'], code: 'M79.606', description: 'Pain in leg, unspecified' },
  { phrases: ['pain', 'pains', 'hurts', 'hurting', 'soreness'], code: 'R52', description: 'Pain, unspecified', confidence: 0.6 },
];

/** Medications, by ingredient; brand names map to the same ingredient concept. */
export const MEDICATIONS: readonly MedicationTerm[] = [
  { generic: ['acetaminophen', 'paracetamol'], brands: ['tylenol'], rxcui: '161', ingredient: 'acetaminophen' },
  { generic: ['ibuprofen'], brands: ['advil', 'motrin'], rxcui: '5640', ingredient: 'ibuprofen' },
  { generic: ['naproxen'], brands: ['aleve'], rxcui: '7258', ingredient: 'naproxen' },
  { generic: ['aspirin'], brands: ['bayer'], rxcui: '1191', ingredient: 'aspirin' },
  { generic: ['amoxicillin'], brands: ['amoxil'], rxcui: '723', ingredient: 'amoxicillin' },
  { generic: ['azithromycin'], brands: ['z-?pak', 'zithromax'], rxcui: '18631', ingredient: 'azithromycin' },
  { generic: ['cephalexin'], brands: ['keflex'], rxcui: '2231', ingredient: 'cephalexin' },
  { generic: ['ciprofloxacin'], brands: ['cipro'], rxcui: '2551', ingredient: 'ciprofloxacin' },
  { generic: ['doxycycline'], brands: [], rxcui: '3640', ingredient: 'doxycycline' },
  { generic: ['lisinopril'], brands: ['zestril', 'prinivil'], rxcui: '29046', ingredient: 'lisinopril' },
  { generic: ['losartan'], brands: ['cozaar'], rxcui: '52175', ingredient: 'losartan' },
  { generic: ['amlodipine'], brands: ['norvasc'], rxcui: '17767', ingredient: 'amlodipine' },
  { generic: ['metoprolol'], brands: ['lopressor', 'toprol'], rxcui: '6918', ingredient: 'metoprolol' },
  { generic: ['hydrochlorothiazide'], brands: [], rxcui: '5487', ingredient: 'hydrochlorothiazide' },
  { generic: ['furosemide'], brands: ['lasix'], rxcui: '4603', ingredient: 'furosemide' },
  { generic: ['metformin'], brands: ['glucophage'], rxcui: '6809', ingredient: 'metformin' },
  { generic: ['insulin glargine'], brands: ['lantus', 'basaglar'], rxcui: '274783', ingredient: 'insulin glargine' },
  { generic: ['atorvastatin'], brands: ['lipitor'], rxcui: '83367', ingredient: 'atorvastatin' },
  { generic: ['simvastatin'], brands: ['zocor'], rxcui: '36567', ingredient: 'simvastatin' },
  { generic: ['levothyroxine'], brands: ['synthroid'], rxcui: '10582', ingredient: 'levothyroxine' },
  { generic: ['warfarin'], brands: ['coumadin', 'jantoven'], rxcui: '11289', ingredient: 'warfarin' },
  { generic: ['albuterol'], brands: ['ventolin', 'proair'], rxcui: '435', ingredient: 'albuterol' },
  { generic: ['fluticasone'], brands: ['flonase'], rxcui: '41126', ingredient: 'fluticasone' },
  { generic: ['montelukast'], brands: ['singulair'], rxcui: '88249', ingredient: 'montelukast' },
  { generic: ['cetirizine'], brands: ['zyrtec'], rxcui: '20610', ingredient: 'cetirizine' },
  { generic: ['loratadine'], brands: ['claritin'], rxcui: '28889', ingredient: 'loratadine' },
  { generic: ['diphenhydramine'], brands: ['benadryl'], rxcui: '3498', ingredient: 'diphenhydramine' },
  { generic: ['omeprazole'], brands: ['prilosec'], rxcui: '7646', ingredient: 'omeprazole' },
  { generic: ['pantoprazole'], brands: ['protonix'], rxcui: '40790', ingredient: 'pantoprazole' },
  { generic: ['ondansetron'], brands: ['zofran'], rxcui: '26225', ingredient: 'ondansetron' },
  { generic: ['prednisone'], brands: [], rxcui: '8640', ingredient: 'prednisone' },
  { generic: ['sertraline'], brands: ['zoloft'], rxcui: '36437', ingredient: 'sertraline' },
  { generic: ['gabapentin'], brands: ['neurontin'], rxcui: '25480', ingredient: 'gabapentin' },
  { generic: ['tramadol'], brands: ['ultram'], rxcui: '10689', ingredient: 'tramadol' },
];

/** Counts and small numbers as callers say them. */
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a couple(?: of)?|a few|several|a|an|half an?|one and a half)`;
const UNIT_OF_TIME = String.raw`(?:minutes?|hours?|days?|nights?|weeks?|months?|years?)`;
const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`;

/** Body sites callers name, for SYSTEM_ORGAN_SITE. */
export const BODY_SITES = String.raw`(?:head|forehead|temples?|eyes?|ears?|jaw|face|neck|throat|chest|shoulders?|arms?|elbows?|wrists?|hands?|fingers?|back|side|ribs|stomach|belly|abdomen|hips?|groin|legs?|thighs?|calf|calves|knees?|ankles?|foot|feet|toes?|skin|mouth|teeth|tooth|lungs?)`;

/** What an attribute pattern yields, in Comprehend Medical's terms. */
export type AttributeKind =
  | 'TIME_EXPRESSION'
  | 'ACUITY'
  | 'QUALITY'
  | 'SYSTEM_ORGAN_SITE'
  | 'DIRECTION'
  | 'DOSAGE'
  | 'STRENGTH'
  | 'FREQUENCY'
  | 'ROUTE_OR_MODE'
  | 'FORM';

/** One attribute pattern; the span is group 1 when the pattern has one, else the whole match. */
export interface AttributePattern {
  readonly kind: AttributeKind;
  /** Whether it describes a condition (attaches to MEDICAL_CONDITION) or a medication. */
  readonly of: 'condition' | 'medication';
  readonly source: string;
  /** Confidence of the attribute itself. */
  readonly score: number;
}

/** Attribute patterns, in priority order: an earlier pattern keeps a span a later one overlaps. */
export const ATTRIBUTE_PATTERNS: readonly AttributePattern[] = [
  { kind: 'FREQUENCY', of: 'medication', score: 0.9, source: String.raw`(?:(?:once|twice|${NUMBER} times) (?:a|per|each) (?:day|night|week)|(?:once|twice) daily|every ${NUMBER}(?: to ${NUMBER})? hours|every (?:other day|morning|night|evening|day)|daily|nightly|at bedtime|as needed|when needed)` },
  { kind: 'STRENGTH', of: 'medication', score: 0.88, source: String.raw`(?<=\b(?:${MEDICATIONS.flatMap((m) => [...m.generic, ...m.brands]).join('|')}) )(\d+(?:\.\d+)? ?(?:mg|milligrams?|mcg|micrograms?|units?))` },
  { kind: 'DOSAGE', of: 'medication', score: 0.87, source: String.raw`${NUMBER} ?(?:mg|milligrams?|mcg|micrograms?|grams?|ml|milliliters?|units?|puffs?|tablets?|pills?|capsules?|tabs?|teaspoons?|tablespoons?|drops?|sprays?)` },
  { kind: 'ROUTE_OR_MODE', of: 'medication', score: 0.86, source: String.raw`(?:by mouth|orally|inhaled|topically|under (?:my|the) tongue|sublingually|intravenously|rectally|in (?:my|each) nostril)` },
  { kind: 'FORM', of: 'medication', score: 0.82, source: String.raw`(?:tablets?|pills?|capsules?|inhaler|cream|ointment|gel|patch|syrup|liquid|suspension|drops|nasal spray|injection|shot)` },
  { kind: 'TIME_EXPRESSION', of: 'condition', score: 0.9, source: String.raw`(?:(?:for|over) (?:about |almost |nearly |around |at least )?(?:the (?:last|past) )?(?:${NUMBER} )?${UNIT_OF_TIME}|since (?:yesterday|last (?:night|week|month|${WEEKDAY})|this (?:morning|afternoon|evening)|the weekend|${WEEKDAY})|${NUMBER} ${UNIT_OF_TIME} ago|(?:yesterday|last night|this (?:morning|afternoon|evening)|earlier today|today|tonight)|${NUMBER} ${UNIT_OF_TIME})` },
  { kind: 'ACUITY', of: 'condition', score: 0.85, source: String.raw`(?:severe(?:ly)?|mild(?:ly)?|moderate|sudden(?:ly)?|chronic|acute|constant(?:ly)?|persistent|intermittent|on and off|comes and goes|worsening|getting worse|terrible|excruciating|unbearable|slight|(?:really |very )?bad)` },
  { kind: 'QUALITY', of: 'condition', score: 0.84, source: String.raw`(?:sharp|dull|throbbing|pounding|stabbing|shooting|burning|aching|cramping|crampy|crushing|squeezing|dry|wet|productive|hacking|tight|(?:high|low[- ]grade)(?= (?:fever|temperature)))` },
  { kind: 'DIRECTION', of: 'condition', score: 0.86, source: String.raw`(?:left|right|lower|upper|both)(?:-sided)?(?= (?:side|${BODY_SITES})\b)` },
  { kind: 'SYSTEM_ORGAN_SITE', of: 'condition', score: 0.83, source: String.raw`(?:(?:in|on|of|around|behind|under|across|to) (?:my|the|his|her|both)|my|his|her) (?:(?:left|right|lower|upper) )?(${BODY_SITES})` },
];
