import { z } from 'zod'
import type { $ZodIssue } from 'zod/v4/core'
import type { Lang } from './i18n.ts'

/**
 * English for the validation messages of the forms (docs/decisions/0047). The schemas keep their
 * Dutch sentence as it is (the Dutch pages never change); this catalog maps that sentence to
 * English. A key with {placeholders} matches a message whose varying parts were filled in by the
 * schema (a number of characters, a limit, a year); the English gets the same values. A {label}
 * placeholder only matches a Dutch term listed in TERMS, and is replaced by its English term.
 *
 * Amounts keep the notation of the rest of the English pages (en.ts): "€ 0.00" in a sentence,
 * while an example of what to type stays "1.234,56", which the portal reads (en.ts budgetHint).
 *
 * To add a message: write the Dutch in the schema, add `'<Dutch>': '<English>'` here; the test
 * app/i18n/validation.test.ts finds every message in the schema files and fails until it is here.
 */
export const VALIDATION_EN: Record<string, string> = {
  // ---- shared: text, dates, numbers, files ----
  'Dit veld bevat een teken dat niet kan worden opgeslagen. Typ de tekst opnieuw.':
    'This field contains a character that cannot be saved. Please type the text again.',
  'Dit veld heeft een ongeldige waarde. Vul het opnieuw in.':
    'This field has an invalid value. Please fill it in again.',
  'Hoogstens {max} tekens.': 'At most {max} characters.',
  'Vul hier tekst in.': 'Please enter text here.',
  'Ongeldige waarde.': 'Invalid value.',
  'Vul de {label} in.': 'Please enter the {label}.',
  'Vul de {label} in als datum (dd-mm-jjjj).': 'Please enter the {label} as a date (dd-mm-yyyy).',
  'De {label} bestaat niet.': 'The {label} does not exist.',
  'Vul {label} in.': 'Please enter {label}.',
  'Vul {label} in als heel getal, bijvoorbeeld {example}.':
    'Please enter {label} as a whole number, for example {example}.',
  'Vul {label} in tussen {min} en {max}.': 'Please enter {label} between {min} and {max}.',
  'Kies een bestand.': 'Please choose a file.',
  'Een bijlage mag hoogstens 10 MB zijn.': 'An attachment may be at most 10 MB.',
  'Kies een bijlage.': 'Please choose an attachment.',
  'Kies wat voor bijlage dit is.': 'Please choose what kind of attachment this is.',
  'Ongeldige versie.': 'Invalid version.',
  'Ongeldig concept.': 'Invalid draft.',
  'Onbekend record.': 'Unknown record.',
  'Onbekende actie.': 'Unknown action.',

  // ---- money (app/money) ----
  'Vul een bedrag in, bijvoorbeeld 1.234,56.': 'Please enter an amount, for example 1.234,56.',
  'Dit is geen geldig bedrag. Schrijf het bijvoorbeeld als 1.234,56 of 1234,56.':
    'This is not a valid amount. Write it, for example, as 1.234,56 or 1234,56.',
  'Het bedrag mag niet negatief zijn.': 'The amount may not be negative.',
  'Gebruik hoogstens twee cijfers achter de komma, bijvoorbeeld 1.234,56.':
    'Use at most two digits after the decimal comma, for example 1.234,56.',
  'Het bedrag is te groot: het maximum is € 1.000.000.000,00.':
    'The amount is too large: the maximum is € 1,000,000,000.00.',
  'Het bedrag moet meer dan € 0,00 zijn.': 'The amount must be more than € 0.00.',
  'Vul een bedrag in van meer dan € 0,00.': 'Enter an amount of more than € 0.00.',
  'Een begrotingsregel moet meer dan € 0,00 zijn.': 'A budget line must be more than € 0.00.',

  // ---- the application (app/applications/schema.ts) ----
  'Beschrijf waar dit bedrag voor is.': 'Please describe what this amount is for.',
  'Houd de omschrijving onder 200 tekens.': 'Please keep the description under 200 characters.',
  'Geef uw initiatief een naam.': 'Please give your initiative a name.',
  'De naam moet minstens 3 tekens hebben.': 'The name must have at least 3 characters.',
  'De naam mag hoogstens 120 tekens hebben.': 'The name may have at most 120 characters.',
  'Kies een soort initiatief.': 'Please choose a kind of initiative.',
  'Kies de wijk van het initiatief.': 'Please choose the wijk of the initiative.',
  'Waar in de wijk vindt het plaats? Bijvoorbeeld een straat, plein of gebouw.':
    'Where in the wijk does it take place? For example a street, square or building.',
  'Vul een plek van minstens 3 tekens in.': 'Please enter a place of at least 3 characters.',
  'Beschrijf het initiatief.': 'Please describe the initiative.',
  'Beschrijf het initiatief in minstens 20 tekens: wat gaat u doen, en voor wie?':
    'Please describe the initiative in at least 20 characters: what will you do, and for whom?',
  'De beschrijving mag hoogstens 5000 tekens hebben.': 'The description may have at most 5000 characters.',
  'Beschrijf hoe het initiatief de wijk levendiger of hechter maakt.':
    'Please describe how the initiative makes the wijk livelier or more close-knit.',
  'Beschrijf het doel in minstens 20 tekens.': 'Please describe the aim in at least 20 characters.',
  'Voor wie is het initiatief?': 'Who is the initiative for?',
  'Beschrijf de doelgroep in minstens 3 tekens.': 'Please describe the target group in at least 3 characters.',
  'Hoe weet u dat de buurt dit wil? Bijvoorbeeld een handtekeningenlijst of een bewonersavond.':
    'How do you know the neighbourhood wants this? For example a list of signatures or a residents’ evening.',
  'Beschrijf het draagvlak in minstens 10 tekens.': 'Please describe the local support in at least 10 characters.',
  'Wat draagt de stichting zelf bij, in geld of in inzet?':
    'What does the foundation contribute itself, in money or in effort?',
  'Beschrijf de eigen bijdrage in minstens 5 tekens.':
    'Please describe your own contribution in at least 5 characters.',
  'Voeg minstens één begrotingsregel toe.': 'Please add at least one budget line.',
  'Hoogstens {max} begrotingsregels.': 'At most {max} budget lines.',
  'Verklaar dat de aanvraag naar waarheid en volledig is ingevuld.':
    'Please declare that the application has been filled in truthfully and completely.',
  'Geef toestemming om het initiatief en het toegekende bedrag te publiceren.':
    'Please give permission to publish the initiative and the amount awarded.',
  'De einddatum ligt vóór de begindatum.': 'The end date is before the start date.',
  'De andere inkomsten zijn even hoog als of hoger dan de kosten: dan is er geen bijdrage nodig.':
    'The other income is as high as or higher than the costs: then no contribution is needed.',
  'Vink aan dat u de aanvraag echt wilt intrekken.':
    'Please tick the box to confirm that you want to withdraw the application.',
  'Beantwoord de vraag van de gemeente.': 'Please answer the question of the municipality.',
  'Beantwoord de vraag in minstens 5 tekens.': 'Please answer the question in at least 5 characters.',
  'Stel de vraag aan de stichting.': 'Please put the question to the foundation.',
  'Stel de vraag in minstens 10 tekens.': 'Please put the question in at least 10 characters.',
  'Kies minstens één soort initiatief.': 'Please choose at least one kind of initiative.',
  'Kies soorten initiatief uit de lijst.': 'Please choose kinds of initiative from the list.',
  'Noem de grondslag in minstens 10 tekens, bijvoorbeeld de Awb en de subsidieverordening.':
    'Please name the legal basis in at least 10 characters, for example the Awb and the grant regulation.',
  'De sluitingsdatum ligt vóór de openingsdatum.': 'The closing date is before the opening date.',

  // ---- review (app/applications/review-schemas.ts) ----
  'Geef de reden van de afwijzing; die komt in het besluit aan de stichting.':
    'Please give the reason for the refusal; it goes into the decision to the foundation.',
  'Leg de afwijzing uit in minstens 10 tekens; die uitleg komt in het besluit.':
    'Please explain the refusal in at least 10 characters; the explanation goes into the decision.',
  'De reden mag hoogstens 4000 tekens hebben.': 'The reason may have at most 4000 characters.',
  'Geef de reden van het terugsturen.': 'Please give the reason for sending it back.',
  'Geef in minstens 10 tekens de reden van het terugsturen.':
    'Please give the reason for sending it back in at least 10 characters.',

  // ---- foundations and accounts (app/foundations/schema.ts, sign-in, staff) ----
  'Vul een e-mailadres in.': 'Please enter an e-mail address.',
  'Dit e-mailadres is te lang.': 'This e-mail address is too long.',
  'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.':
    'Please enter a valid e-mail address, for example name@example.nl.',
  'Vul het KvK-nummer in (8 cijfers).': 'Please enter the KvK number (8 digits).',
  'Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 74218530.':
    'A KvK number has exactly 8 digits, for example 74218530.',
  'Vul het IBAN in, bijvoorbeeld NL91 ABNA 0417 1643 00.': 'Please enter the IBAN, for example NL91 ABNA 0417 1643 00.',
  'Dit IBAN klopt niet. Controleer het nummer, bijvoorbeeld NL91 ABNA 0417 1643 00.':
    'This IBAN is not correct. Please check the number, for example NL91 ABNA 0417 1643 00.',
  'Vul de postcode in, bijvoorbeeld 3822 AB.': 'Please enter the postcode, for example 3822 AB.',
  'Vul een Nederlandse postcode in, bijvoorbeeld 3822 AB.': 'Please enter a Dutch postcode, for example 3822 AB.',
  'Vul de statutaire naam van de stichting in.': 'Please enter the legal name of the foundation.',
  'Vul de naam van de rekeninghouder in (zoals bij de bank bekend).':
    'Please enter the name of the account holder (as known to the bank).',
  'Vul de naam van de rekeninghouder in.': 'Please enter the name of the account holder.',
  'Vul straat en huisnummer in.': 'Please enter the street and house number.',
  'Vul de plaats in.': 'Please enter the town.',
  'Vul de naam van de contactpersoon in.': 'Please enter the name of the contact person.',
  'Kies minstens één wijk.': 'Please choose at least one wijk.',
  'Kies een wachtwoord.': 'Please choose a password.',
  'Vul uw naam in.': 'Please enter your name.',
  'Kies een rol.': 'Please choose a role.',
  'Vul de naam in.': 'Please enter the name.',
  'Vul uw e-mailadres in.': 'Please enter your e-mail address.',
  'Vul uw wachtwoord in.': 'Please enter your password.',
  'Vul de code uit uw authenticator-app in.': 'Please enter the code from your authenticator app.',
  'Vul de code van 6 cijfers in (of een herstelcode).': 'Please enter the 6-digit code (or a recovery code).',
  'Kies een wachtwoord van minstens {min} tekens. Een zin van een paar woorden werkt goed.':
    'Please choose a password of at least {min} characters. A sentence of a few words works well.',
  'Een wachtwoord mag hoogstens {max} tekens hebben.': 'A password may have at most {max} characters.',
  'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden. Kies een ander.':
    'This password is on the list of commonly used passwords. Please choose another one.',
  'Gebruik uw e-mailadres niet in uw wachtwoord.': 'Please do not use your e-mail address in your password.',

  // ---- money after the award (app/grants/forms.ts) ----
  'Geef een reden op (minstens 3 tekens).': 'Please give a reason (at least 3 characters).',
  'Kies het soort betaling.': 'Please choose the kind of payment.',
  'Vul een omschrijving in (minstens 2 tekens).': 'Please enter a description (at least 2 characters).',
  'Kies: goedkeuren of afkeuren.': 'Please choose: approve or reject.',
  'Geef de reden van het afkeuren (minstens 3 tekens); de stichting ziet die.':
    'Please give the reason for rejecting (at least 3 characters); the foundation will see it.',
  'Leg de vaststelling uit in minstens 10 tekens; die uitleg komt in de brief.':
    'Please explain the settlement in at least 10 characters; the explanation goes into the letter.',
  'Vul de leverancier in.': 'Please enter the supplier.',
  'Beschrijf waarvoor het geld is uitgegeven (minstens 3 tekens).':
    'Please describe what the money was spent on (at least 3 characters).',
  'Kies een begrotingspost van deze aanvraag.': 'Please choose a budget line of this application.',
  'Beschrijf wat er is gebeurd (minstens 20 tekens).': 'Please describe what happened (at least 20 characters).',
  'Vul het aantal deelnemers in.': 'Please enter the number of participants.',
  'Vul het aantal deelnemers in als heel getal (0 of meer).':
    'Please enter the number of participants as a whole number (0 or more).',

  // ---- objections (app/review/objections-schemas.ts) ----
  'Vul in wie het bezwaar heeft ingediend.': 'Please enter who lodged the objection.',
  'Vul de gronden van het bezwaar in.': 'Please enter the grounds of the objection.',
  'Vul de gronden van het bezwaar in (minstens 10 tekens).':
    'Please enter the grounds of the objection (at least 10 characters).',
  'Onbekend bezwaar.': 'Unknown objection.',
  'Kies de beslissing op het bezwaar.': 'Please choose the decision on the objection.',
  'Vul de motivering in.': 'Please enter the reasons.',
  'Vul de motivering in (minstens 10 tekens); die komt in de brief.':
    'Please enter the reasons (at least 10 characters); they go into the letter.',

  // ---- rounds (app/rounds/schema.ts) ----
  'Vul het jaar van de ronde in.': 'Please enter the year of the round.',
  'Vul het jaar in als vier cijfers, bijvoorbeeld 2027.': 'Please enter the year as four digits, for example 2027.',
  'Vul een jaar in tussen 2000 en 2100.': 'Please enter a year between 2000 and 2100.',
  'Vul het subsidieplafond in, bijvoorbeeld 450.000,00.': 'Please enter the subsidy ceiling, for example 450.000,00.',
  'Het subsidieplafond moet meer dan € 0,00 zijn.': 'The subsidy ceiling must be more than € 0.00.',
  'De sluitingsdatum moet na de openingsdatum liggen.': 'The closing date must be after the opening date.',
  'Geef een reden op waarom de ronde nu wordt gesloten.': 'Please give a reason why the round is being closed now.',
  'Geef een reden op in minstens 10 tekens.': 'Please give a reason in at least 10 characters.',

  // ---- allocation (app/allocation) ----
  'Vul het vaste bedrag per wijk in (mag 0 zijn).': 'Please enter the fixed amount per wijk (may be 0).',
  'Vul een gewicht in tussen 1 en 10 met hoogstens drie decimalen, bijvoorbeeld 1,5.':
    'Please enter a weight between 1 and 10 with at most three decimals, for example 1,5.',
  'Geef het scenario een naam, bijvoorbeeld "Gewicht 2 voor prioriteitswijken".':
    'Please give the scenario a name, for example "Weight 2 for priority wijken".',
  'Geef het scenario een naam.': 'Please give the scenario a name.',
  'Vul het budget van de ronde in.': 'Please enter the budget of the round.',
  'Het budget moet meer dan € 0,00 zijn.': 'The budget must be more than € 0.00.',
  'Kies het jaar van de inwonertallen.': 'Please choose the year of the population figures.',
  'Kies wat er met geld gebeurt dat aan het eind van de ronde over is.':
    'Please choose what happens to money left over at the end of the round.',
  'Een gewicht tussen 0 en 10, hoogstens drie decimalen; leeg: het standaardgewicht.':
    'A weight between 0 and 10, at most three decimals; empty: the standard weight.',
  'Het maximum is lager dan het minimum.': 'The maximum is lower than the minimum.',
  'Het maximum is lager dan het vaste bedrag per wijk.': 'The maximum is lower than the fixed amount per wijk.',
  'Kies een scenario.': 'Please choose a scenario.',
  'Geef de reden voor deze nieuwe versie; die komt op de openbare pagina.':
    'Please give the reason for this new version; it is shown on the public page.',
  'Geef de reden voor deze nieuwe versie in een paar woorden; die komt op de openbare pagina.':
    'Please give the reason for this new version in a few words; it is shown on the public page.',
  'Vul het jaar van de cijfers in, bijvoorbeeld 2024.': 'Please enter the year of the figures, for example 2024.',
  'Vul een jaartal in, bijvoorbeeld 2024.': 'Please enter a year, for example 2024.',
  'Vul een jaartal tussen 1990 en 2100 in.': 'Please enter a year between 1990 and 2100.',
  'Kies een CSV-bestand of plak de inhoud in het tekstvak.':
    'Please choose a CSV file or paste its contents into the text box.',
  'Het bestand is groter dan 200 kB; is het wel het goede bestand?':
    'The file is larger than 200 kB; is it the right file?',
}

/** The Dutch terms a schema fills into a {label}, and their English. */
export const TERMS_EN: Record<string, string> = {
  begindatum: 'start date',
  einddatum: 'end date',
  'uiterste datum': 'due date',
  openingsdatum: 'opening date',
  sluitingsdatum: 'closing date',
  betaaldatum: 'payment date',
  ontvangstdatum: 'date of receipt',
  'datum van de uitgave': 'date of the expense',
  'het verwachte aantal deelnemers': 'the expected number of participants',
  'het gewenste voorschot': 'the advance you would like',
  'de termijn voor de verantwoording': 'the term for the report',
  'het voorschotpercentage': 'the advance percentage',
}

type Template = { pattern: RegExp; names: string[]; english: string }

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
const TEMPLATES: Template[] = Object.entries(VALIDATION_EN)
  .filter(([dutch]) => dutch.includes('{'))
  .map(([dutch, english]) => {
    const names: string[] = []
    const source = dutch
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1]
        if (!name) return escape(part)
        names.push(name)
        return '(.+?)'
      })
      .join('')
    return { pattern: new RegExp(`^${source}$`), names, english }
  })

/** The English of a Dutch validation message, or null when the catalog does not have it. */
export function englishOf(dutch: string): string | null {
  const exact = VALIDATION_EN[dutch]
  if (exact !== undefined && !dutch.includes('{')) return exact
  for (const { pattern, names, english } of TEMPLATES) {
    const match = pattern.exec(dutch)
    if (!match) continue
    const values: Record<string, string> = {}
    let fits = true
    names.forEach((name, i) => {
      const value = match[i + 1]
      if (name === 'label') {
        const term = TERMS_EN[value]
        if (term === undefined) fits = false
        values[name] = term ?? value
      } else {
        if (!/^[\d.,]+$/.test(value)) fits = false
        values[name] = value
      }
    })
    if (fits) return english.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`)
  }
  return null
}

/**
 * THE place where a validation message meets the user's language: Dutch stays as it is; for
 * English the catalog's text, and the Dutch when the catalog lacks it (the test prevents that).
 */
export function localizeValidation(lang: Lang, message: string): string {
  if (lang === 'nl') return message
  return englishOf(message) ?? message
}

const zodEnglish = z.locales.en()

/**
 * One zod issue's message in the language. A message that is not ours (zod's own Dutch fallback,
 * for input no form of ours sends) gets zod's English for that issue.
 */
export function localizeIssue(lang: Lang, issue: $ZodIssue): string {
  if (lang === 'nl') return issue.message
  const english = englishOf(issue.message)
  if (english !== null) return english
  if (issue.code === 'custom') return issue.message
  const fallback = zodEnglish.localeError(issue as never)
  return (typeof fallback === 'string' ? fallback : fallback?.message) ?? issue.message
}
