// Benchmark of @i18n-drift/core (issue 4): `coverage()` over a generated repository of
// 1,000 English documents × 10 locales, against the floor measured in the same run —
// the time to merely `parseDocument` the same files. Target: within 2× of the floor.
// Then the apply-source-change benchmark (./apply-source-change.js), when present, and
// the i18next catalog one (./apply-catalog-change.js).
//
//   npm run build -w @i18n-drift/core && npm run bench -w @i18n-drift/core
//
// Options: --documents N (default 1000), --rounds N (default 3), --json.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { alternateRounds, importBuilt, numberOption, time, unseen } from './timing.js';

const dist = new URL('../dist/index.js', import.meta.url);
const { coverage, parseConfig, writePins } = await importBuilt(dist);
const { parseDocument } = await import('@i18n-drift/sections');

const args = process.argv.slice(2);
const DOCUMENTS = numberOption(args, 'documents', 1000);
const ROUNDS = numberOption(args, 'rounds', 3);
const JSON_OUTPUT = args.includes('--json');

// ---------------------------------------------------------------- generated repository

// Privacy-policy prose per language: what the seeds look like, so tinyld and the
// parser see realistic text. `{n}` and `{m}` become numbers that differ per section.
const BANK = {
  en: {
    heading: ['What we collect', 'Why we need it', 'How long we keep it', 'Who we share it with', 'Your rights', 'Contact', 'Security', 'Changes'],
    sentences: [
      'We store your e-mail address and your username for {n} months after your last login.',
      'Your IP address is logged on our backend systems and used only to diagnose problems.',
      'We never sell your personal data, and we share it only with the providers listed here.',
      'You can ask us at any time for a copy of the data we hold about you.',
      'After {m} days we delete the logs, unless the law requires us to keep them longer.',
      'If you close your account, we remove your profile and your measurements within {n} weeks.',
    ],
  },
  fr: {
    heading: ['Ce que nous collectons', 'Pourquoi nous en avons besoin', 'Combien de temps nous les gardons', 'Avec qui nous les partageons', 'Vos droits', 'Contact', 'Sécurité', 'Modifications'],
    sentences: [
      'Nous conservons votre adresse e-mail et votre nom d’utilisateur pendant {n} mois après votre dernière connexion.',
      'Votre adresse IP est enregistrée sur nos serveurs et sert uniquement à diagnostiquer les problèmes.',
      'Nous ne vendons jamais vos données personnelles et ne les partageons qu’avec les prestataires cités ici.',
      'Vous pouvez nous demander à tout moment une copie des données que nous détenons sur vous.',
      'Après {m} jours, nous supprimons les journaux, sauf si la loi nous oblige à les garder plus longtemps.',
      'Si vous fermez votre compte, nous supprimons votre profil et vos mensurations sous {n} semaines.',
    ],
  },
  nl: {
    heading: ['Wat we verzamelen', 'Waarom we het nodig hebben', 'Hoe lang we het bewaren', 'Met wie we het delen', 'Jouw rechten', 'Contact', 'Beveiliging', 'Wijzigingen'],
    sentences: [
      'We bewaren je e-mailadres en je gebruikersnaam tot {n} maanden na je laatste aanmelding.',
      'Je IP-adres wordt op onze servers gelogd en enkel gebruikt om problemen op te sporen.',
      'We verkopen je persoonsgegevens nooit en delen ze alleen met de hier genoemde leveranciers.',
      'Je kunt ons op elk moment om een kopie vragen van de gegevens die we over je hebben.',
      'Na {m} dagen verwijderen we de logs, tenzij de wet ons verplicht ze langer te bewaren.',
      'Als je je account sluit, verwijderen we je profiel en je maten binnen {n} weken.',
    ],
  },
  de: {
    heading: ['Was wir erheben', 'Warum wir es brauchen', 'Wie lange wir es speichern', 'An wen wir es weitergeben', 'Ihre Rechte', 'Kontakt', 'Sicherheit', 'Änderungen'],
    sentences: [
      'Wir speichern Ihre E-Mail-Adresse und Ihren Benutzernamen bis {n} Monate nach Ihrer letzten Anmeldung.',
      'Ihre IP-Adresse wird auf unseren Servern protokolliert und nur zur Fehlersuche verwendet.',
      'Wir verkaufen Ihre personenbezogenen Daten niemals und geben sie nur an die hier genannten Dienstleister weiter.',
      'Sie können jederzeit eine Kopie der Daten verlangen, die wir über Sie gespeichert haben.',
      'Nach {m} Tagen löschen wir die Protokolle, sofern das Gesetz keine längere Aufbewahrung verlangt.',
      'Wenn Sie Ihr Konto schließen, löschen wir Ihr Profil und Ihre Maße innerhalb von {n} Wochen.',
    ],
  },
  es: {
    heading: ['Qué recopilamos', 'Por qué lo necesitamos', 'Cuánto tiempo lo guardamos', 'Con quién lo compartimos', 'Sus derechos', 'Contacto', 'Seguridad', 'Cambios'],
    sentences: [
      'Guardamos su dirección de correo y su nombre de usuario durante {n} meses después de su último inicio de sesión.',
      'Su dirección IP se registra en nuestros servidores y solo se usa para diagnosticar problemas.',
      'Nunca vendemos sus datos personales y solo los compartimos con los proveedores indicados aquí.',
      'Puede pedirnos en cualquier momento una copia de los datos que tenemos sobre usted.',
      'Después de {m} días borramos los registros, salvo que la ley nos obligue a conservarlos más tiempo.',
      'Si cierra su cuenta, eliminamos su perfil y sus medidas en un plazo de {n} semanas.',
    ],
  },
  it: {
    heading: ['Cosa raccogliamo', 'Perché ne abbiamo bisogno', 'Per quanto tempo li conserviamo', 'Con chi li condividiamo', 'I tuoi diritti', 'Contatti', 'Sicurezza', 'Modifiche'],
    sentences: [
      'Conserviamo il tuo indirizzo e-mail e il tuo nome utente per {n} mesi dopo il tuo ultimo accesso.',
      'Il tuo indirizzo IP viene registrato sui nostri server e usato solo per diagnosticare i problemi.',
      'Non vendiamo mai i tuoi dati personali e li condividiamo solo con i fornitori elencati qui.',
      'Puoi chiederci in qualsiasi momento una copia dei dati che abbiamo su di te.',
      'Dopo {m} giorni cancelliamo i registri, a meno che la legge non ci obblighi a conservarli più a lungo.',
      'Se chiudi il tuo account, eliminiamo il tuo profilo e le tue misure entro {n} settimane.',
    ],
  },
  'pt-BR': {
    heading: ['O que coletamos', 'Por que precisamos', 'Por quanto tempo guardamos', 'Com quem compartilhamos', 'Seus direitos', 'Contato', 'Segurança', 'Alterações'],
    sentences: [
      'Guardamos seu endereço de e-mail e seu nome de usuário por {n} meses após o seu último acesso.',
      'Seu endereço IP é registrado em nossos servidores e usado apenas para diagnosticar problemas.',
      'Nunca vendemos seus dados pessoais e só os compartilhamos com os fornecedores listados aqui.',
      'Você pode nos pedir a qualquer momento uma cópia dos dados que temos sobre você.',
      'Depois de {m} dias apagamos os registros, a menos que a lei nos obrigue a guardá-los por mais tempo.',
      'Se você encerrar sua conta, removemos seu perfil e suas medidas em até {n} semanas.',
    ],
  },
  sv: {
    heading: ['Vad vi samlar in', 'Varför vi behöver det', 'Hur länge vi sparar det', 'Vem vi delar det med', 'Dina rättigheter', 'Kontakt', 'Säkerhet', 'Ändringar'],
    sentences: [
      'Vi sparar din e-postadress och ditt användarnamn i {n} månader efter din senaste inloggning.',
      'Din IP-adress loggas på våra servrar och används bara för att felsöka problem.',
      'Vi säljer aldrig dina personuppgifter och delar dem bara med de leverantörer som anges här.',
      'Du kan när som helst be oss om en kopia av de uppgifter vi har om dig.',
      'Efter {m} dagar raderar vi loggarna, om inte lagen kräver att vi sparar dem längre.',
      'Om du avslutar ditt konto tar vi bort din profil och dina mått inom {n} veckor.',
    ],
  },
  pl: {
    heading: ['Co zbieramy', 'Dlaczego tego potrzebujemy', 'Jak długo to przechowujemy', 'Komu to udostępniamy', 'Twoje prawa', 'Kontakt', 'Bezpieczeństwo', 'Zmiany'],
    sentences: [
      'Przechowujemy Twój adres e-mail i nazwę użytkownika przez {n} miesięcy od ostatniego logowania.',
      'Twój adres IP jest zapisywany na naszych serwerach i używany wyłącznie do diagnozowania problemów.',
      'Nigdy nie sprzedajemy Twoich danych osobowych i udostępniamy je tylko wymienionym tu dostawcom.',
      'W każdej chwili możesz poprosić nas o kopię danych, które o Tobie przechowujemy.',
      'Po {m} dniach usuwamy dzienniki, chyba że prawo wymaga ich dłuższego przechowywania.',
      'Jeśli zamkniesz konto, usuniemy Twój profil i Twoje wymiary w ciągu {n} tygodni.',
    ],
  },
  ru: {
    heading: ['Что мы собираем', 'Зачем это нужно', 'Как долго мы храним', 'С кем мы делимся', 'Ваши права', 'Контакты', 'Безопасность', 'Изменения'],
    sentences: [
      'Мы храним ваш адрес электронной почты и имя пользователя в течение {n} месяцев после последнего входа.',
      'Ваш IP-адрес записывается на наших серверах и используется только для диагностики проблем.',
      'Мы никогда не продаём ваши персональные данные и передаём их только перечисленным здесь поставщикам.',
      'Вы можете в любой момент попросить у нас копию данных, которые мы о вас храним.',
      'Через {m} дней мы удаляем журналы, если закон не требует хранить их дольше.',
      'Если вы закроете учётную запись, мы удалим ваш профиль и ваши мерки в течение {n} недель.',
    ],
  },
  tr: {
    heading: ['Neleri topluyoruz', 'Neden ihtiyacımız var', 'Ne kadar süre saklıyoruz', 'Kimlerle paylaşıyoruz', 'Haklarınız', 'İletişim', 'Güvenlik', 'Değişiklikler'],
    sentences: [
      'E-posta adresinizi ve kullanıcı adınızı son girişinizden sonra {n} ay boyunca saklıyoruz.',
      'IP adresiniz sunucularımızda kaydedilir ve yalnızca sorunları teşhis etmek için kullanılır.',
      'Kişisel verilerinizi asla satmıyoruz ve yalnızca burada listelenen sağlayıcılarla paylaşıyoruz.',
      'Hakkınızda tuttuğumuz verilerin bir kopyasını istediğiniz zaman bizden isteyebilirsiniz.',
      '{m} gün sonra kayıtları siliyoruz, yasa daha uzun saklamamızı gerektirmedikçe.',
      'Hesabınızı kapatırsanız profilinizi ve ölçülerinizi {n} hafta içinde sileriz.',
    ],
  },
};
const TARGETS = Object.keys(BANK).filter((locale) => locale !== 'en');
const SECTIONS = 8;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same repository. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One document in one language: same structure and numbers in every language. */
function documentText(locale, d, { untranslatedSection = -1, dropFrom = SECTIONS } = {}) {
  const bank = BANK[locale];
  const english = BANK.en;
  const next = random(d * 7919 + 1);
  const paragraph = (b, s, p) => {
    const out = [];
    for (let k = 0; k < 3; k++) {
      const i = Math.floor(next() * b.sentences.length);
      out.push(b.sentences[i].replace('{n}', String(((d + s + p + k) % 23) + 2)).replace('{m}', String(((d * 3 + s + k) % 89) + 7)));
    }
    return out.join(' ');
  };
  const lines = ['---', `title: "${bank.heading[d % 8]} (${d})"`, `description: "${bank.sentences[d % 6].replace(/\{[nm]\}/g, String(d % 30))}"`, '---', '', paragraph(bank, 0, 0), ''];
  for (let s = 0; s < dropFrom; s++) {
    const b = s === untranslatedSection ? english : bank;
    lines.push(`${s % 3 === 2 ? '###' : '##'} ${b.heading[s]} ${d}.${s}`, '');
    lines.push(paragraph(b, s, 1), '');
    if (s % 2 === 0) lines.push(`- ${paragraph(b, s, 2)}`, `- ${paragraph(b, s, 3)}`, '');
    else lines.push(paragraph(b, s, 4), '');
  }
  return lines.join('\n');
}

function generate(documents) {
  const files = {};
  const history = {};
  const pinned = 'a'.repeat(40);
  const head = 'b'.repeat(40);
  for (let d = 0; d < documents; d++) {
    const sourcePath = `locales/en/policies/doc-${String(d).padStart(4, '0')}.md`;
    const english = documentText('en', d);
    files[sourcePath] = english;
    history[sourcePath] = [
      { sha: head, date: '2026-03-01T00:00:00Z', message: 'Update retention periods', author: 'bench' },
      { sha: pinned, date: '2026-01-01T00:00:00Z', message: 'Initial policies', author: 'bench' },
    ];
    const source = parseDocument(english);
    const hashes = Object.fromEntries([...source.fields, ...source.sections].map((unit) => [unit.id, unit.hash]));
    const englishIds = Object.keys(hashes);
    TARGETS.forEach((locale, l) => {
      const roll = (d * 10 + l) % 20;
      if (roll === 19) return; // 5 %: not translated at all
      const options = roll === 18 ? { untranslatedSection: 3 } : roll >= 16 ? { dropFrom: SECTIONS - 2 } : {};
      let text = documentText(locale, d, options);
      if (roll < 14) {
        // 70 %: adopted; the English changed one section since the pin.
        const sections = { ...hashes, [englishIds[2 + (d % (SECTIONS - 2))]]: 'outdated0000' };
        text = writePins(text, { commit: pinned, sections });
      }
      files[`locales/${locale}/policies/doc-${String(d).padStart(4, '0')}.md`] = text;
    });
  }
  return { files, history };
}

// ---------------------------------------------------------------- measurement

const config = parseConfig({ locales: TARGETS });
const generated = time(() => generate(DOCUMENTS));
const { files, history } = generated.result;
const texts = Object.values(files);
const bytes = texts.reduce((sum, text) => sum + text.length, 0);
const snapshot = { files, history, revision: 'b'.repeat(40), now: new Date('2026-03-11T00:00:00Z') };
const parseOptions = { frontmatterKeys: config.frontmatterKeys };

// Warm up both paths on 200 files, then alternate so that neither gets a warmer machine.
const { floorMs, ms: coverageMs, result: report } = alternateRounds({
  rounds: ROUNDS,
  warmUp: () => {
    for (const text of texts.slice(0, 200)) parseDocument(text, parseOptions);
    coverage({ ...snapshot, files: Object.fromEntries(Object.entries(files).slice(0, 200)) }, config);
  },
  floor: (call) => texts.map((text) => parseDocument(unseen(text, call), parseOptions)),
  measure: (call) => coverage({ ...snapshot, files: Object.fromEntries(Object.entries(files).map(([path, text]) => [path, unseen(text, call)])) }, config),
});
const results = [
  {
    name: `coverage: ${DOCUMENTS} documents × ${TARGETS.length} locales`,
    files: texts.length,
    megabytes: Math.round(bytes / 1e5) / 10,
    ms: Math.round(coverageMs),
    floorMs: Math.round(floorMs),
    ratio: Math.round((coverageMs / floorMs) * 100) / 100,
    totals: report.totals.sections,
  },
];

if (!JSON_OUTPUT) {
  const r = results[0];
  console.log(`${r.name} (${r.files} files, ${r.megabytes} MB, generated in ${Math.round(generated.ms)} ms)`);
  console.log(`  floor, parseDocument of every file: ${r.floorMs} ms (median of ${ROUNDS})`);
  console.log(`  coverage():                         ${r.ms} ms (median of ${ROUNDS})`);
  console.log(`  ratio: ${r.ratio}× the floor (target ≤ 2×)`);
  const t = r.totals;
  console.log(`  sections: ${t.total} — current ${t.current}, stale ${t.stale}, missing ${t.missing}, untranslated ${t.untranslated}`);
}

const applyBench = new URL('./apply-source-change.js', import.meta.url);
if (existsSync(fileURLToPath(applyBench))) {
  const { run } = await import(applyBench.href);
  const r = await run();
  results.push(r);
  if (!JSON_OUTPUT) {
    console.log(`${r.name}`);
    console.log(`  floor: ${Math.round(r.floorMs)} ms, applySourceChange: ${Math.round(r.ms)} ms`);
    console.log(`  ratio: ${Math.round(r.ratio * 100) / 100}× the floor (target ≤ 2×)`);
  }
} else if (!JSON_OUTPUT) {
  console.log('apply-source-change: bench/apply-source-change.js not present yet, skipped');
}
const catalogBench = new URL('./apply-catalog-change.js', import.meta.url);
if (existsSync(fileURLToPath(catalogBench))) {
  const { run } = await import(catalogBench.href);
  const r = await run();
  results.push(r);
  if (!JSON_OUTPUT) {
    console.log(`${r.name}`);
    console.log(`  floor: ${Math.round(r.floorMs)} ms, applyCatalogChange: ${Math.round(r.ms)} ms`);
    console.log(`  ratio: ${Math.round(r.ratio * 100) / 100}× the floor (JSON.parse of every catalog)`);
    for (const line of r.lines) console.log(`  ${line}`);
  }
}
if (JSON_OUTPUT) console.log(JSON.stringify(results, null, 2));
