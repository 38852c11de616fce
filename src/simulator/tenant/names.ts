// People's names in the scripts a worldwide tenant really has, each with the ASCII spelling its
// sign-in name would use, plus names built to break careless rendering (markdown, HTML, card
// templates, spreadsheet formulas) so the bot's escaping is tested on every report.

export interface NameCulture {
  weight: number;
  /** Family name first when written (CJK). */
  familyFirst?: boolean;
  /** Joins the two parts: CJK names are written without a space. */
  separator?: string;
  given: readonly (readonly [native: string, ascii: string])[];
  family: readonly (readonly [native: string, ascii: string])[];
  usageLocations: readonly string[];
}

export const NAME_CULTURES: readonly NameCulture[] = [
  {
    weight: 40,
    usageLocations: ['US', 'US', 'US', 'GB', 'CA', 'AU', 'IE'],
    given: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
      'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Daniel', 'Karen',
      'Megan', 'Adele', 'Lee', 'Grady', 'Lynne', 'Nestor', 'Isaiah', 'Diego', 'Johanna', 'Lidia', 'Pradeep',
      'Miriam', 'Henrietta', 'Patti', 'Christie', 'Irvin', 'Emily', 'Brian', 'Olivia', 'Kevin'].map((n) => [n, n.toLowerCase()] as const),
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson',
      'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
      'Bowen', 'Vance', 'Archer', 'Robbins', 'Wilke', 'Holt', 'Gonzalez', 'Lambert', 'Graham', 'Fernandez',
      'Cline', 'Sherwood', 'Gupta', 'Stewart', 'Hayes', 'Foster', 'Kelly', 'Murphy', 'Reed', 'Cooper'].map((n) => [n, n.toLowerCase()] as const),
  },
  {
    weight: 20,
    usageLocations: ['FR', 'DE', 'ES', 'PL', 'SE', 'TR', 'PT', 'CZ'],
    given: [['Zoë', 'zoe'], ['José', 'jose'], ['François', 'francois'], ['Jürgen', 'jurgen'], ['Søren', 'soren'],
      ['Agnieszka', 'agnieszka'], ['Łukasz', 'lukasz'], ['Renée', 'renee'], ['Çağla', 'cagla'], ['Ángel', 'angel'],
      ['Björn', 'bjorn'], ['Inês', 'ines'], ['Mélanie', 'melanie'], ['Tomáš', 'tomas'], ['Élodie', 'elodie']],
    family: [['Müller', 'muller'], ['Núñez', 'nunez'], ['Dvořák', 'dvorak'], ['Gruß', 'gruss'], ['Lefèvre', 'lefevre'],
      ['Wójcik', 'wojcik'], ['Öztürk', 'ozturk'], ['Sánchez', 'sanchez'], ['Åberg', 'aberg'], ['Brontë', 'bronte'],
      ['Gonçalves', 'goncalves'], ['Schröder', 'schroder'], ['Château', 'chateau'], ['Kovačević', 'kovacevic']],
  },
  {
    weight: 8,
    usageLocations: ['UA', 'KZ', 'RS', 'BG'],
    given: [['Иван', 'ivan'], ['Ольга', 'olga'], ['Дмитрий', 'dmitriy'], ['Анна', 'anna'], ['Сергей', 'sergey'],
      ['Наталья', 'natalya'], ['Олександр', 'oleksandr'], ['Мария', 'maria']],
    family: [['Иванов', 'ivanov'], ['Петрова', 'petrova'], ['Смирнов', 'smirnov'], ['Кузнецова', 'kuznetsova'],
      ['Шевченко', 'shevchenko'], ['Бондаренко', 'bondarenko'], ['Попов', 'popov']],
  },
  {
    weight: 4,
    usageLocations: ['GR', 'CY'],
    given: [['Γιώργος', 'giorgos'], ['Μαρία', 'maria'], ['Νίκος', 'nikos'], ['Ελένη', 'eleni'], ['Δημήτρης', 'dimitris']],
    family: [['Παπαδόπουλος', 'papadopoulos'], ['Οικονόμου', 'oikonomou'], ['Γεωργίου', 'georgiou'], ['Νικολάου', 'nikolaou']],
  },
  {
    weight: 5,
    usageLocations: ['AE', 'SA', 'EG', 'MA'],
    given: [['محمد', 'mohammed'], ['فاطمة', 'fatima'], ['أحمد', 'ahmed'], ['ليلى', 'layla'], ['عمر', 'omar'], ['نور', 'nour']],
    family: [['الهاشمي', 'alhashimi'], ['العتيبي', 'alotaibi'], ['حداد', 'haddad'], ['منصور', 'mansour'], ['خليل', 'khalil']],
  },
  {
    weight: 3,
    usageLocations: ['IL'],
    given: [['דוד', 'david'], ['שרה', 'sarah'], ['יוסף', 'yosef'], ['רחל', 'rachel'], ['נועה', 'noa']],
    family: [['כהן', 'cohen'], ['לוי', 'levi'], ['מזרחי', 'mizrahi'], ['פרץ', 'peretz'], ['ביטון', 'biton']],
  },
  {
    weight: 7,
    familyFirst: true,
    separator: '',
    usageLocations: ['CN', 'TW', 'HK', 'SG'],
    given: [['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['磊', 'lei'], ['洋', 'yang'], ['婷', 'ting']],
    family: [['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang']],
  },
  {
    weight: 5,
    familyFirst: true,
    separator: ' ',
    usageLocations: ['JP'],
    given: [['翔太', 'shota'], ['陽菜', 'hina'], ['大輝', 'daiki'], ['さくら', 'sakura'], ['健', 'ken'], ['美咲', 'misaki']],
    family: [['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['渡辺', 'watanabe'], ['伊藤', 'ito']],
  },
  {
    weight: 4,
    familyFirst: true,
    separator: '',
    usageLocations: ['KR'],
    given: [['민준', 'minjun'], ['서연', 'seoyeon'], ['지훈', 'jihoon'], ['하은', 'haeun'], ['도윤', 'doyun']],
    family: [['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung']],
  },
  {
    weight: 4,
    usageLocations: ['IN'],
    given: [['अर्जुन', 'arjun'], ['प्रिया', 'priya'], ['राहुल', 'rahul'], ['अनन्या', 'ananya'], ['विक्रम', 'vikram']],
    family: [['शर्मा', 'sharma'], ['पटेल', 'patel'], ['सिंह', 'singh'], ['गुप्ता', 'gupta'], ['वर्मा', 'verma']],
  },
];

export const TOTAL_CULTURE_WEIGHT = NAME_CULTURES.reduce((sum, c) => sum + c.weight, 0);

/** Display names that must reach the admin as the very same text, never as markup or formulas. */
export const HOSTILE_DISPLAY_NAMES: readonly string[] = [
  '**bold** Mallory',
  '<b>html</b> Trudy',
  '${owner}',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '=HYPERLINK("http://x")',
  '+1-555 Reception',
  '@sum(A1:A9)',
  '-2+3 Minus',
  'Party 🎉 Planner 👩‍💻',
  'O\'Brien "Bob"',
  '[click me](http://x) Eve',
  'Back\\slash\ttab Dan',
];

/** Functional mailboxes a company shares between people. */
export const SHARED_MAILBOX_NAMES: readonly (readonly [alias: string, displayName: string])[] = [
  ['info', 'Info'], ['sales', 'Sales'], ['support', 'Customer Support'], ['hr', 'Human Resources'],
  ['hr-records', 'HR Records'], ['legal', 'Legal'], ['legal-archive', 'Legal Archive'], ['finance', 'Finance'],
  ['billing', 'Billing'], ['invoices', 'Invoices'], ['accounts-payable', 'Accounts Payable'],
  ['reception', 'Reception'], ['marketing', 'Marketing'], ['press', 'Press Office'], ['careers', 'Careers'],
  ['helpdesk', 'IT Helpdesk'], ['orders', 'Orders'], ['returns', 'Returns'], ['compliance', 'Compliance'],
  ['board', 'Board Office'], ['facilities', 'Facilities'], ['security', 'Security Desk'], ['privacy', 'Privacy Office'],
  ['partners', 'Partner Program'], ['events', 'Events'], ['payroll', 'Payroll'], ['procurement', 'Procurement'],
  ['quality', 'Quality Assurance'], ['shipping', 'Shipping'], ['training', 'Training'],
];

export const REGIONS: readonly (readonly [suffix: string, label: string])[] = [
  ['emea', 'EMEA'], ['apac', 'APAC'], ['amer', 'Americas'], ['de', 'Germany'], ['fr', 'France'], ['uk', 'UK'],
  ['jp', 'Japan'], ['br', 'Brazil'], ['in', 'India'], ['au', 'Australia'], ['nl', 'Netherlands'], ['mx', 'Mexico'],
];

export const ROOM_BUILDINGS: readonly string[] = ['Adams', 'Baker', 'Cedar', 'Dover', 'Elm', 'Fulton', 'Grove', 'Harbor'];
export const EQUIPMENT_KINDS: readonly string[] = ['Projector', 'Pool Car', 'Camera Kit', 'Laptop Loaner', 'Van'];
