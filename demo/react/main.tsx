import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RemoteSupportConsent } from '../../src/react.js';
import { langFromUrl, withLang, type Lang } from '../lang.js';

/** What the customer did, kept as data so it can be shown in either language. */
type Outcome = { kind: 'waiting' } | { kind: 'consented'; id: string } | { kind: 'declined' } | { kind: 'error'; code: string };

const text = {
  ja: {
    title: 'React から使う | remote-support-consent',
    heading: 'リモートサポート(React)',
    language: '表示言語',
    portal: 'デモのポータルへ戻る',
    outcome: (outcome: Outcome) =>
      outcome.kind === 'waiting' ? 'まだ同意していません。'
      : outcome.kind === 'consented' ? `同意を受け取りました: 記録 ${outcome.id}`
      : outcome.kind === 'declined' ? '同意されませんでした。'
      : `エラー: ${outcome.code}`,
  },
  en: {
    title: 'Using it from React | remote-support-consent',
    heading: 'Remote support (React)',
    language: 'Language',
    portal: 'Back to the demo portal',
    outcome: (outcome: Outcome) =>
      outcome.kind === 'waiting' ? 'No consent yet.'
      : outcome.kind === 'consented' ? `Consent received: record ${outcome.id}`
      : outcome.kind === 'declined' ? 'The customer did not agree.'
      : `Error: ${outcome.code}`,
  },
} satisfies Record<Lang, unknown>;

// The React wrapper: attributes as props, events as typed on… props.
function App() {
  const [lang, setLang] = useState(langFromUrl);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'waiting' });
  const [challenge, setChallenge] = useState('');
  const t = text[lang];
  // A challenge from the vendor's server, as on the portal, so the signed record belongs to this visit.
  useEffect(() => {
    let current = true;
    void fetch('/api/challenge')
      .then((response) => response.json() as Promise<{ challenge: string }>)
      .then(({ challenge: value }) => current && setChallenge(value));
    return () => void (current = false);
  }, []);
  // The element follows <html lang>, as on the portal; the address keeps the language for a reload.
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = text[lang].title;
    history.replaceState(history.state, '', withLang(location.href, lang));
  }, [lang]);
  return (
    <main style={{ maxWidth: '48rem', margin: '2rem auto', padding: '0 1rem', fontFamily: 'system-ui, sans-serif' }}>
      <header style={{ display: 'flex', gap: '1rem', justifyContent: 'space-between', alignItems: 'center' }}>
        <a href={withLang('../', lang)}>{t.portal}</a>
        <nav aria-label={t.language} style={{ display: 'flex', gap: '0.5rem' }}>
          {(['ja', 'en'] as const).map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              aria-pressed={option === lang}
              style={{ fontWeight: option === lang ? 700 : 400 }}
              onClick={() => setLang(option)}
            >
              {option === 'ja' ? '日本語' : 'English'}
            </button>
          ))}
        </nav>
      </header>
      <h1>{t.heading}</h1>
      <RemoteSupportConsent
        redirectTarget="none"
        challenge={challenge}
        subject="契約番号 R-2048"
        // A real app also sets consentUrl, as the portal does, so the element stores the consent before it hands over.
        onConsent={(event) => setOutcome({ kind: 'consented', id: event.detail.record.id })}
        onDecline={() => setOutcome({ kind: 'declined' })}
        onConsentError={(event) => setOutcome({ kind: 'error', code: event.detail.code })}
      />
      <p id="verdict" role="status">
        {t.outcome(outcome)}
      </p>
    </main>
  );
}

createRoot(document.querySelector('#app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
