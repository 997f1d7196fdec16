import { render } from 'preact';
import { App } from './app.js';
import { locale, t } from './i18n.js';

document.documentElement.lang = locale;
document.title = t('viewerTitle');
const root = document.getElementById('app');
if (root) render(<App />, root);
