/**
 * Where a snippet's runs go (this server or the public Playground) and, when the server offers
 * more than one, which Go release. Every snippet on the page follows the learner's latest choice.
 */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import { isGoBackend, isRunTarget, type GoBackend, type RunTarget } from '../../lib/runner/index.ts';
import { detectBackend, goVersions, saveBackendPreference } from './runner-adapter.ts';

const GO_VERSION_KEY = 'leaklab:go-backend';

export interface BackendControl {
  /** Settles once the current choice is applied: runs wait for it. */
  ready(): Promise<void>;
  target(): RunTarget;
  /** The Go release for runs on this server ('' is the default release). */
  goBackend(): GoBackend;
  /** The default (newest) release, when the learner chose an older one: what the verdict offers. */
  newerGo(): { release: string; use(): void } | null;
}

function readGoPreference(): GoBackend {
  try {
    const v = localStorage.getItem(GO_VERSION_KEY);
    return isGoBackend(v) ? v : '';
  } catch {
    return '';
  }
}

export function createBackendControl(el: HTMLElement, t: PlaygroundStrings, signal: AbortSignal): BackendControl {
  const $ = <T extends HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
  const select = $<HTMLSelectElement>('[data-backend]');
  const versionLabel = $('[data-version]');
  const goSelect = $<HTMLSelectElement>('[data-goversion]');
  const goLabel = $('[data-goversion-label]');
  const goNote = $('[data-gonote]');
  let target: RunTarget = 'server';
  let goBackend: GoBackend = '';
  let offeredGo: ReturnType<typeof goVersions> = [];

  /** A release other than the default was chosen (here or on another page): say so, with the way back. */
  const showGoNote = () => {
    const chosen = offeredGo.find((o) => o.backend === goBackend);
    const fallback = offeredGo.find((o) => o.backend === '');
    goNote.hidden = !chosen || !fallback || goBackend === '';
    if (goNote.hidden || !chosen || !fallback) return;
    const release = (o: { release: string }) => o.release.replace(/^go/, '');
    const back = document.createElement('button');
    back.type = 'button';
    back.className = 'lp-link';
    back.textContent = format(t.goUseDefault, { default: release(fallback) });
    back.addEventListener('click', () => {
      goSelect.value = '';
      goSelect.dispatchEvent(new Event('change'));
      goSelect.focus();
    });
    goNote.replaceChildren(format(t.goChosen, { version: release(chosen), default: release(fallback) }), ' ', back);
  };

  const setGoBackend = (next: GoBackend) => {
    goBackend = next;
    goSelect.value = next;
    el.dataset.goBackend = next;
    showGoNote();
  };

  function showGoVersions(offered: ReturnType<typeof goVersions>) {
    offeredGo = offered;
    goLabel.hidden = offered.length === 0;
    if (!offered.length) {
      goBackend = '';
      showGoNote();
      return;
    }
    goSelect.replaceChildren(
      ...offered.map((o) => {
        const option = document.createElement('option');
        option.value = o.backend;
        // The label already says "Go": the options read "1.27", "1.26".
        option.textContent = o.release.replace(/^go/, '');
        option.title = o.version;
        return option;
      }),
    );
    const wanted = readGoPreference();
    setGoBackend(offered.some((o) => o.backend === wanted) ? wanted : '');
  }

  const apply = async (choice: RunTarget | null) => {
    versionLabel.textContent = t.backendUnknown;
    const info = await detectBackend(choice);
    target = info.choice;
    select.value = info.choice;
    const serverOption = select.querySelector<HTMLOptionElement>('option[value="server"]')!;
    serverOption.disabled = !info.serverAvailable;
    el.dataset.backend = info.choice;
    const version = await info.version;
    if (target !== info.choice) return; // the reader switched again meanwhile
    // The select already names the Playground; for our server say whether it runs Go itself.
    const parts = info.choice === 'playground' ? [] : [version?.Backend === 'proxy' ? t.backendProxy : t.backendLocal];
    const offered = info.choice === 'server' ? goVersions(version) : [];
    showGoVersions(offered);
    // With a menu the menu names the version; otherwise the label does.
    if (version?.Version && !offered.length) parts.push(version.Version);
    versionLabel.textContent = parts.join(' · ');
  };

  /** The learner's choice: remembered, and followed by every snippet on the page. */
  const chooseGo = (next: GoBackend) => {
    setGoBackend(next);
    try {
      localStorage.setItem(GO_VERSION_KEY, goBackend);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
    dispatchEvent(new CustomEvent('leaklab:goversion', { detail: { goBackend, from: el } }));
  };
  goSelect.addEventListener('change', () => chooseGo(isGoBackend(goSelect.value) ? goSelect.value : ''));
  addEventListener(
    'leaklab:goversion',
    (e) => {
      const detail = (e as CustomEvent<{ goBackend: GoBackend; from: Element }>).detail;
      if (detail.from !== el && !goLabel.hidden) setGoBackend(detail.goBackend);
    },
    { signal },
  );

  // A click right after the page opens must go to the right backend: runs wait for this.
  let ready = apply(null);
  select.addEventListener('change', () => {
    if (!isRunTarget(select.value)) return;
    const choice = select.value;
    saveBackendPreference(choice);
    ready = apply(choice);
    dispatchEvent(new CustomEvent('leaklab:backend', { detail: { choice, from: el } }));
  });
  addEventListener(
    'leaklab:backend',
    (e) => {
      const detail = (e as CustomEvent<{ choice: RunTarget; from: Element }>).detail;
      if (detail.from !== el) ready = apply(detail.choice);
    },
    { signal },
  );

  return {
    ready: () => ready,
    target: () => target,
    goBackend: () => (target === 'server' ? goBackend : ''),
    newerGo: () => {
      const newest = offeredGo.find((o) => o.backend === '');
      if (target !== 'server' || goBackend === '' || !newest) return null;
      return { release: newest.release.replace(/^go/, ''), use: () => chooseGo('') };
    },
  };
}
