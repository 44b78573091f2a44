import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RemoteSupportConsent } from '../../src/react.js';

// The React wrapper: attributes as props, events as typed on… props.
function App() {
  const [verdict, setVerdict] = useState('まだ同意していません。');
  return (
    <main style={{ maxWidth: '48rem', margin: '2rem auto', fontFamily: 'system-ui, sans-serif' }}>
      <h1>リモートサポート(React)</h1>
      <RemoteSupportConsent
        redirectTarget="none"
        subject="契約番号 R-2048"
        onConsent={(event) => setVerdict(`同意を受け取りました: 記録 ${event.detail.record.id}`)}
        onDecline={() => setVerdict('同意されませんでした。')}
        onConsentError={(event) => setVerdict(`エラー: ${event.detail.code}`)}
      />
      <p id="verdict" role="status">
        {verdict}
      </p>
    </main>
  );
}

createRoot(document.querySelector('#app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
