/**
 * The demo accounts: one per role (and one per demo foundation). Shown on the sign-in page in demo
 * mode only, and listed in the README. Never created in production unless someone runs the seed there.
 */
export const DEMO_PASSWORD = 'buurtbudget-demo'

/**
 * Staff sign in with a second factor (TOTP). The demo staff marked `totp` share this documented
 * secret: add it to an authenticator app (or compute the code, as the end-to-end tests do).
 * The second demo reviewer has none, so the first sign-in shows the enrolment.
 */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPBUURTBUDGETDEMO2'

export type DemoAccount = {
  key: string
  email: string
  name: string
  role: 'FOUNDATION_MEMBER' | 'REVIEWER' | 'AUDITOR' | 'ADMINISTRATOR'
  description: string
  foundation?: 'hoogland' | 'zielhorst' | 'soesterkwartier' | 'nieuwland' | 'kattenbroek'
  areas?: string[]
  /** Enrolled with DEMO_TOTP_SECRET. */
  totp?: boolean
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    key: 'hoogland',
    email: 'aanvrager@hooglandleeft.example',
    name: 'Marieke van den Brink',
    role: 'FOUNDATION_MEMBER',
    foundation: 'hoogland',
    description: 'Stichting Hoogland Leeft (aanvrager)',
  },
  {
    key: 'zielhorst',
    email: 'aanvrager@wijkbudgetzielhorst.example',
    name: 'Ahmed El Amrani',
    role: 'FOUNDATION_MEMBER',
    foundation: 'zielhorst',
    description: 'Stichting Wijkbudget Zielhorst (aanvrager)',
  },
  {
    key: 'soesterkwartier',
    email: 'aanvrager@soesterkwartiersamen.example',
    name: 'Fatma Yilmaz',
    role: 'FOUNDATION_MEMBER',
    foundation: 'soesterkwartier',
    description: 'Stichting Soesterkwartier Samen (aanvrager)',
  },
  {
    key: 'nieuwland',
    email: 'aanvrager@nieuwlandverbindt.example',
    name: 'Jeroen Bakker',
    role: 'FOUNDATION_MEMBER',
    foundation: 'nieuwland',
    description: 'Stichting Nieuwland Verbindt (aanvrager)',
  },
  {
    key: 'kattenbroek',
    email: 'aanvrager@buurtbudgetkattenbroek.example',
    name: 'Ineke de Vries',
    role: 'FOUNDATION_MEMBER',
    foundation: 'kattenbroek',
    description: 'Stichting Buurtbudget Kattenbroek (aanvrager)',
  },
  {
    key: 'beoordelaar',
    email: 'beoordelaar@amersfoort.example',
    name: 'Sanne Jansen',
    role: 'REVIEWER',
    totp: true,
    description: 'Gebiedsmanager Noord en West (beoordelaar)',
    areas: [
      'WK030701',
      'WK030702',
      'WK030703',
      'WK030704',
      'WK030705',
      'WK030719',
      'WK030720',
      'WK030721',
      'WK030722',
      'WK030724',
      'WK030725',
      'WK030726',
      'WK030727',
      'WK030728',
      'WK030729',
      'WK030730',
      'WK030731',
      'WK030734',
    ],
  },
  // review (issue 10): a second reviewer for the same wijken, for four eyes on awards above the threshold.
  {
    key: 'beoordelaar2',
    email: 'beoordelaar2@amersfoort.example',
    name: 'Thijs Verbeek',
    role: 'REVIEWER',
    totp: true,
    description: 'Tweede beoordelaar Noord en West (vier ogen)',
    areas: [
      'WK030701',
      'WK030702',
      'WK030703',
      'WK030704',
      'WK030705',
      'WK030719',
      'WK030720',
      'WK030721',
      'WK030722',
      'WK030724',
      'WK030725',
      'WK030726',
      'WK030727',
      'WK030728',
      'WK030729',
      'WK030730',
      'WK030731',
      'WK030734',
    ],
  },
  {
    key: 'beoordelaar-zuid',
    email: 'beoordelaar.zuid@amersfoort.example',
    name: 'Karim Haddou',
    role: 'REVIEWER',
    description: 'Gebiedsmanager Oost en Zuid (beoordelaar)',
    areas: [
      'WK030706',
      'WK030707',
      'WK030708',
      'WK030709',
      'WK030710',
      'WK030711',
      'WK030712',
      'WK030713',
      'WK030714',
      'WK030715',
      'WK030716',
      'WK030717',
      'WK030718',
    ],
  },
  {
    key: 'controleur',
    email: 'controleur@amersfoort.example',
    name: 'Willem de Graaf',
    role: 'AUDITOR',
    totp: true,
    description: 'Concerncontroller (controleur)',
  },
  {
    key: 'beheerder',
    email: 'beheerder@amersfoort.example',
    name: 'Priya Ramdin',
    role: 'ADMINISTRATOR',
    totp: true,
    description: 'Functioneel beheerder',
  },
]
