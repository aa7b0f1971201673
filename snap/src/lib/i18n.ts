// English and Japanese from the user's MetaMask locale (snap_getPreferences). The locale files are the
// manifest's auxiliary source.files, read with snap_getFile on first use so they stay out of the
// bundle's size budget.
import type en from '../../locales/en.json';

type Messages = Record<string, { message: string } | undefined>;
export type MessageKey = keyof typeof en.messages;
export type Translate = (key: MessageKey, vars?: Record<string, string | number | bigint>) => string;

const SUPPORTED = ['en', 'ja'];
const loaded = new Map<string, Promise<Messages>>();

function load(lang: string): Promise<Messages> {
  let p = loaded.get(lang);
  if (!p) {
    p = snap
      .request({ method: 'snap_getFile', params: { path: `./locales/${lang}.json`, encoding: 'utf8' } })
      .then((raw) => (JSON.parse(raw as string) as { messages: Messages }).messages);
    loaded.set(lang, p);
  }
  return p;
}

/** The language used for `locale` ("ja", "ja-JP", "en-US"...): English for anything unsupported. */
export function languageOf(locale: string): string {
  const lang = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return SUPPORTED.includes(lang) ? lang : 'en';
}

/** A translator over `messages`, falling back to `fallback` and then to the key. */
export function translator(messages: Messages, fallback: Messages = messages): Translate {
  return (key, vars) => {
    const template = messages[key]?.message ?? fallback[key]?.message ?? key;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
  };
}

/** The user's locale from MetaMask's preferences ("en" if unavailable). */
export async function userLocale(): Promise<string> {
  try {
    const prefs = await snap.request({ method: 'snap_getPreferences' });
    return prefs.locale || 'en';
  } catch {
    return 'en';
  }
}

export async function getTranslator(): Promise<Translate> {
  const lang = languageOf(await userLocale());
  const [messages, fallback] = await Promise.all([load(lang), load('en')]);
  return translator(messages, fallback);
}
