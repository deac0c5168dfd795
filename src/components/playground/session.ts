/**
 * The live playground: editor, runs, output, verdict, exercise checks. Imported by element.ts
 * when the snippet is first seen or touched; Monaco, xterm and the dump viewer are imported from
 * here only when they are needed.
 */
import { copyText } from '../shared/clipboard.ts';
import { format } from '../../i18n/index.ts';
import { browserStorage, createProgressStore } from '../../lib/progress/store.ts';
import type { CodeEditor, EditorFactory, EditorMetrics } from './editor-types.ts';
import type { LeakPlayground, SessionHandle } from './element.ts';
import type { OutputPane } from './terminal.ts';
import { inspectButton, renderVerdict } from './verdict.ts';
import { evaluateCheck } from './check.ts';
import {
  detectBackend,
  editorLine,
  formatCode,
  parseProblems,
  replayEvents,
  runCode,
  saveBackendPreference,
  goVersions,
  type BackendChoice,
  type RunResult,
} from './runner-adapter.ts';
import type { GoBackend } from '../../lib/runner/protocol.ts';
import { openInspector, type Inspector } from './inspector.ts';
import { inlineMarkdown } from './inline-markdown.ts';

const SAVE_DELAY_MS = 400;
const GO_VERSION_KEY = 'leaklab:go-backend';

export function startSession(el: LeakPlayground): SessionHandle {
  const cfg = el.config;
  const t = cfg.strings;
  const store = createProgressStore({ storage: browserStorage() });
  const $ = <T extends HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
  const buttons = (action: string) => el.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);

  let code = store.getSnippet(cfg.id) ?? cfg.original;
  let editor: CodeEditor | null = null;
  let running: AbortController | null = null;
  let output: Promise<OutputPane> | null = null;
  let inspector: Inspector | null = null;
  let backend: BackendChoice = 'server';
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = (type: string, detail: Record<string, unknown> = {}) =>
    el.dispatchEvent(new CustomEvent(`leaklab:${type}`, { bubbles: true, composed: true, detail: { id: cfg.id, ...detail } }));

  // Hints arrive as text from exercise.json; their `code` and *emphasis* are Markdown.
  for (const item of el.querySelectorAll<HTMLElement>('[data-hint]')) {
    for (const node of [...item.childNodes]) {
      if (node.nodeType !== Node.TEXT_NODE || !/[`*_]/.test(node.textContent ?? '')) continue;
      const span = document.createElement('span');
      span.innerHTML = inlineMarkdown(node.textContent ?? '');
      node.replaceWith(...span.childNodes);
    }
  }

  // ---- code and persistence ----
  const currentCode = () => editor?.getValue() ?? code;
  const editedBox = el.querySelector<HTMLElement>('[data-edited]');
  const showEdited = () => {
    if (editedBox) editedBox.hidden = currentCode() === cfg.original;
  };
  const save = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    showEdited();
    // Saving the untouched lesson code would pin it: later fixes to the lesson would not show.
    if (code === cfg.original) store.clearSnippet(cfg.id);
    else store.setSnippet(cfg.id, code);
    if (store.problem()?.kind === 'unavailable') el.dataset.storage = 'unavailable';
  };
  addEventListener('pagehide', () => saveTimer !== undefined && save());

  const setCode = (next: string) => {
    if (editor) editor.setValue(next);
    else code = next;
    code = next;
    save();
  };

  // ---- editor ----
  const editorHost = $('[data-editor]');
  const editorReady = (async () => {
    const staticEl = el.querySelector<HTMLElement>('[data-static]');
    const pre = staticEl?.querySelector('pre') ?? editorHost;
    const cs = getComputedStyle(pre);
    const metrics: EditorMetrics = {
      fontFamily: cs.fontFamily,
      fontSize: parseFloat(cs.fontSize),
      lineHeight: parseFloat(cs.lineHeight),
      paddingTop: parseFloat(cs.paddingTop),
      paddingBottom: parseFloat(cs.paddingBottom),
    };
    const mount = document.createElement('div');
    mount.className = 'lp-live';
    editorHost.append(mount);
    const name = el.querySelector('.lp-name')?.textContent ?? cfg.id;
    const host = { container: mount, code, label: format(t.editorLabel, { name }), onRun: () => void run(false), metrics };
    const touch = matchMedia('(pointer: coarse)').matches;
    let kind = touch ? 'codemirror' : 'monaco';
    try {
      const factory: EditorFactory = touch
        ? (await import('./codemirror-editor.ts')).createCodeMirrorEditor
        : (await import('./monaco-editor.ts')).createMonacoEditor;
      editor = await factory(host);
    } catch (err) {
      console.error('leaklab: editor failed to load', err);
      mount.replaceChildren();
      editor = await (await import('./textarea-editor.ts')).createTextareaEditor(host);
      kind = 'textarea';
      $('[data-busy]').textContent = t.editorFailed;
    }
    // The reader may have typed a run or a format while the editor loaded.
    if (editor.getValue() !== code) editor.setValue(code);
    const hadFocus = (staticEl?.contains(document.activeElement) ?? false) || el.dataset.focusOnLoad === 'true';
    delete el.dataset.focusOnLoad;
    staticEl?.remove();
    editorHost.dataset.live = kind;
    el.dataset.state = 'editor';
    if (hadFocus) editor.focus();
    editor.onChange((next) => {
      code = next;
      showEdited();
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    });
    emit('ready');
    return editor;
  })();

  const revealLine = (line: number, column = 1) =>
    void editorReady.then((ed) => {
      editorHost.scrollIntoView({ block: 'nearest' });
      ed.revealLine(line, column);
    });
  /** A file:line from output, verdict or viewer; ignored unless it is one of the learner's files. */
  const revealFileLine = (file: string, line: number, column = 1) => {
    const at = editorLine(currentCode(), file, line);
    if (at !== null) revealLine(at, column);
  };

  // ---- backend ----
  const select = $<HTMLSelectElement>('[data-backend]');
  const versionLabel = $('[data-version]');
  const applyBackend = async (choice: BackendChoice | null) => {
    versionLabel.textContent = t.backendUnknown;
    const info = await detectBackend(choice);
    backend = info.choice;
    select.value = info.choice;
    const serverOption = select.querySelector<HTMLOptionElement>('option[value="server"]')!;
    serverOption.disabled = !info.serverAvailable;
    el.dataset.backend = info.choice;
    const version = await info.version;
    if (backend !== info.choice) return; // the reader switched again meanwhile
    // The select already names the Playground; for our server say whether it runs Go itself.
    const parts = info.choice === 'playground' ? [] : [version?.Backend === 'proxy' ? t.backendProxy : t.backendLocal];
    const offered = info.choice === 'server' ? goVersions(version) : [];
    showGoVersions(offered);
    // With a menu the menu names the version; otherwise the label does.
    if (version?.Version && !offered.length) parts.push(version.Version);
    versionLabel.textContent = parts.join(' · ');
  };

  // ---- Go version (only when the server offers more than one) ----
  const goSelect = $<HTMLSelectElement>('[data-goversion]');
  const goLabel = $('[data-goversion-label]');
  let goBackend: GoBackend = '';
  const readGoPreference = (): GoBackend => {
    try {
      return localStorage.getItem(GO_VERSION_KEY) === 'goprev' ? 'goprev' : '';
    } catch {
      return '';
    }
  };
  function showGoVersions(offered: ReturnType<typeof goVersions>) {
    goLabel.hidden = offered.length === 0;
    if (!offered.length) {
      goBackend = '';
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
    goBackend = offered.some((o) => o.backend === wanted) ? wanted : '';
    goSelect.value = goBackend;
    el.dataset.goBackend = goBackend;
  }
  goSelect.addEventListener('change', () => {
    goBackend = goSelect.value === 'goprev' ? 'goprev' : '';
    el.dataset.goBackend = goBackend;
    try {
      localStorage.setItem(GO_VERSION_KEY, goBackend);
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
    dispatchEvent(new CustomEvent('leaklab:goversion', { detail: { goBackend, from: el } }));
  });
  // Every snippet on the page follows the learner's choice.
  addEventListener('leaklab:goversion', (e) => {
    const detail = (e as CustomEvent<{ goBackend: GoBackend; from: Element }>).detail;
    if (detail.from === el || goLabel.hidden) return;
    goBackend = detail.goBackend;
    goSelect.value = goBackend;
    el.dataset.goBackend = goBackend;
  });
  // Runs wait for this, so a click right after the page opens goes to the right backend.
  let backendReady = applyBackend(null);
  select.addEventListener('change', () => {
    const choice = select.value as BackendChoice;
    saveBackendPreference(choice);
    backendReady = applyBackend(choice);
    // Other snippets on the page follow the reader's choice.
    dispatchEvent(new CustomEvent('leaklab:backend', { detail: { choice, from: el } }));
  });
  addEventListener('leaklab:backend', (e) => {
    const detail = (e as CustomEvent<{ choice: BackendChoice; from: Element }>).detail;
    if (detail.from !== el) backendReady = applyBackend(detail.choice);
  });

  // ---- output ----
  const outputBox = $('[data-output]');
  const ensureOutput = () => {
    outputBox.hidden = false;
    output ??= (async () => {
      const { createOutputPane } = await import('./terminal.ts');
      const metrics = getComputedStyle(el.querySelector('[data-term]')!);
      return createOutputPane($('[data-term]'), {
        fontFamily: metrics.fontFamily,
        fontSize: parseFloat(metrics.fontSize),
        onFileLine: revealFileLine,
      });
    })();
    return output;
  };

  const busy = $('[data-busy]');
  const setBusy = (label: string | null) => {
    busy.textContent = label ?? '';
    el.dataset.busy = label ? 'true' : 'false';
    buttons('stop')!.disabled = !running;
    // aria-disabled, not disabled: a disabled button drops the focus to <body>, and a keyboard
    // user who pressed Run must still be on Run when the output arrives. Clicks are ignored meanwhile.
    for (const action of ['run', 'check', 'format']) {
      const b = buttons(action);
      if (b) b.setAttribute('aria-disabled', String(label !== null));
    }
  };

  const problemsBox = $('[data-problems]');
  const showProblems = (text: string, severity: 'error' | 'warning') => {
    const problems = parseProblems(text, currentCode(), severity);
    const list = $('[data-problem-list]');
    for (const p of problems) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'lp-link';
      b.dataset.line = String(p.line);
      // The whole diagnostic is the button, so its name is exactly what it shows.
      b.textContent = `${p.file}:${p.fileLine}:${p.column}: ${p.message}`;
      b.title = format(t.goToLine, { line: p.line });
      b.addEventListener('click', (e) => {
        e.stopPropagation();
        revealLine(p.line, p.column);
      });
      li.append(b);
      list.append(li);
    }
    if (problems.length) problemsBox.hidden = false;
    return problems;
  };

  const closeInspector = () => {
    inspector?.close();
    inspector = null;
  };

  const offerDump = (host: HTMLElement, dump: string, label: string) => {
    const collapse = () => {
      button.setAttribute('aria-expanded', 'false');
      button.textContent = label;
    };
    const button = inspectButton(label, () => {
      const box = $('[data-inspector]');
      if (inspector) {
        closeInspector();
        collapse();
        return;
      }
      button.setAttribute('aria-expanded', 'true');
      button.textContent = t.hideInspect;
      void openInspector(box, dump, {
        locale: cfg.locale,
        onFrameClick: (file, line) => revealFileLine(file, line),
        onClosed: () => {
          inspector = null;
          collapse();
          button.focus();
        },
      }).then((i) => (inspector = i));
    });
    host.append(button);
  };

  // ---- run ----
  async function run(check: boolean): Promise<RunResult | null> {
    running?.abort();
    const ac = new AbortController();
    running = ac;
    code = currentCode();
    save();
    setBusy(check ? t.checking : t.running);
    emit('run', { check });
    const pane = await ensureOutput();
    pane.clear();
    closeInspector();
    $('[data-inspector]').hidden = true;
    $('[data-verdict]').replaceChildren();
    $('[data-problem-list]').replaceChildren();
    problemsBox.hidden = true;
    editor?.setProblems([]);
    const checkBox = el.querySelector<HTMLElement>('[data-check-result]');
    checkBox?.replaceChildren();

    let result: RunResult | null = null;
    try {
      await backendReady;
      result = await runCode(code, {
        backend,
        goBackend: backend === 'server' ? goBackend : '',
        leakCheck: cfg.leakCheck,
        signal: ac.signal,
      });
      const problems = [];
      if (result.errors) {
        pane.write(result.errors.replace(/\n?$/, '\n'), 'error');
        problems.push(...showProblems(result.errors, 'error'));
      }
      if (result.vetErrors) {
        pane.write(`${t.vetFailed}\n`, 'note');
        pane.write(result.vetErrors.replace(/\n?$/, '\n'), 'error');
        problems.push(...showProblems(result.vetErrors, 'warning'));
      }
      editor?.setProblems(problems);
      if (result.errors) {
        pane.write(`\n${t.buildFailed}\n`, 'note');
      } else {
        await replayEvents(result.events, (text, kind) => pane.write(text, kind), ac.signal);
        const end = result.timedOut ? t.timedOut : result.status === 0 ? t.exited : format(t.exitedStatus, { status: result.status });
        pane.write(`\n${end}\n`, 'note');
        showVerdict(result);
      }
      if (check && cfg.exercise) showCheck(result);
      await pane.settled();
      followResult();
      emit('result', { status: result.status, leaked: result.leak?.checked ? result.leak.leaked : null });
    } catch (err) {
      if (ac.signal.aborted) pane.write(`\n${t.stopped}\n`, 'note');
      else pane.write(`${format(t.requestFailed, { message: err instanceof Error ? err.message : String(err) })}\n`, 'error');
      result = null;
    } finally {
      if (running === ac) running = null;
      setBusy(null);
      // A completed-runs counter lets tests and embedding pages wait for "this" run to finish.
      el.dataset.runs = String(Number(el.dataset.runs ?? 0) + 1);
    }
    return result;
  }

  function showVerdict(result: RunResult) {
    const box = $('[data-verdict]');
    if (result.crashDump) {
      const p = document.createElement('p');
      p.className = 'lp-verdict-crash';
      const count = (result.crashDump.match(/^goroutine \d+/gm) ?? []).length;
      p.textContent = count === 1 ? t.crashDumpOne : format(t.crashDump, { count });
      box.replaceChildren(p);
      offerDump(box, result.crashDump, t.inspectDump);
      return;
    }
    if (!cfg.leakCheck || !result.leak) return;
    if (!result.leak.checked) {
      const p = document.createElement('p');
      const reason = result.leak.reason;
      p.textContent = reason === 'timeout' || reason === 'exited' ? t.verdictSkipped : t.verdictUnavailable;
      box.replaceChildren(p);
      return;
    }
    const dump = result.leak.dump;
    renderVerdict(box, result.leak, t, { onFrame: revealFileLine });
    if (result.leak.leaked > 0 && dump) offerDump(box.firstElementChild as HTMLElement, dump, t.inspect);
  }

  /**
   * Brings the verdict (and an exercise's check result) into view once a run ends, scrolling no
   * further than needed so as much of the code as possible stays on screen: the learner keeps
   * their place in the editor and sees what the run said.
   */
  function revealResult() {
    const verdict = $('[data-verdict]').firstElementChild;
    const targets = [verdict, el.querySelector('[data-check-result]')?.firstElementChild].filter((n): n is Element => !!n);
    if (!targets.length) targets.push($('[data-term]'));
    const first = targets[0]!.getBoundingClientRect();
    const bottom = Math.max(...targets.map((n) => n.getBoundingClientRect().bottom));
    const margin = 16;
    // Starlight's header is fixed over the top of the page.
    const header = document.querySelector('header.header')?.getBoundingClientRect().bottom ?? 0;
    let delta = bottom + margin - innerHeight;
    // Never push the first line of the result under the header: a long result shows its start.
    delta = Math.min(delta, first.top - header - margin);
    if (delta <= 0) return;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    scrollBy({ top: delta, behavior: smooth ? 'smooth' : 'auto' });
  }

  /**
   * xterm sizes itself a frame or two after the last write, and the Inspect button or check
   * result may land later still: keep the result in view while the snippet settles, until the
   * learner scrolls or types (their move wins) or a moment has passed.
   */
  let stopFollowing: (() => void) | null = null;
  function followResult() {
    stopFollowing?.();
    const observer = new ResizeObserver(() => revealResult());
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      for (const type of events) removeEventListener(type, stop, true);
      stopFollowing = null;
    };
    const timer = setTimeout(stop, 1500);
    for (const type of events) addEventListener(type, stop, { capture: true, passive: true });
    observer.observe(el); // also calls revealResult once now
    stopFollowing = stop;
  }

  function showCheck(result: RunResult) {
    const box = el.querySelector<HTMLElement>('[data-check-result]');
    if (!box || !cfg.exercise) return;
    const outcome = evaluateCheck(result, cfg.exercise.check);
    const p = document.createElement('p');
    p.className = outcome.passed ? 'lp-check-pass' : 'lp-check-fail';
    const expected = cfg.exercise.check.status;
    const messages: Record<typeof outcome.reason, () => string> = {
      passed: () => t.checkPassed,
      build: () => t.checkBuild,
      timeout: () => t.timedOut,
      tests: () => t.checkOutput,
      status: () => format(t.checkStatus, { status: result.status, expected }),
      output: () => t.checkOutput,
      leaked: () => format(t.checkLeaked, { count: result.leak?.leaked ?? 0 }),
    };
    p.textContent = messages[outcome.reason]();
    box.replaceChildren(p);
    if (outcome.passed) {
      store.markPassed(cfg.id);
      $('[data-passed]').hidden = false;
      emit('passed');
    } else emit('failed', { reason: outcome.reason });
  }

  // ---- other actions ----
  async function formatNow() {
    const ac = new AbortController();
    running?.abort();
    running = ac;
    setBusy(t.formatting);
    try {
      await backendReady;
      const res = await formatCode(currentCode(), { backend, signal: ac.signal });
      if (res.Error) {
        const pane = await ensureOutput();
        pane.clear();
        pane.write(`${format(t.formatFailed, { message: res.Error })}\n`, 'error');
        $('[data-problem-list]').replaceChildren();
        problemsBox.hidden = true;
        editor?.setProblems(showProblems(res.Error, 'error'));
      } else if (res.Body !== currentCode()) setCode(res.Body);
    } catch (err) {
      if (!ac.signal.aborted) {
        const pane = await ensureOutput();
        pane.write(`${format(t.formatFailed, { message: err instanceof Error ? err.message : String(err) })}\n`, 'error');
      }
    } finally {
      if (running === ac) running = null;
      setBusy(null);
    }
  }

  async function copy() {
    const button = buttons('copy')!;
    const ok = await copyText(currentCode());
    if (ok) {
      button.textContent = t.copied;
      setTimeout(() => (button.textContent = t.copy), 1500);
    } else editor?.focus();
  }

  let hintsShown = 0;
  function nextHint() {
    const hints = cfg.exercise?.hints ?? [];
    const item = el.querySelector<HTMLElement>(`[data-hint="${hintsShown}"]`);
    if (!item) return;
    item.hidden = false;
    hintsShown += 1;
    const button = buttons('hint')!;
    if (hintsShown >= hints.length) {
      button.textContent = t.noMoreHints;
      button.disabled = true;
    } else button.textContent = format(t.showHint, { n: hintsShown + 1, total: hints.length });
  }

  setBusy(null);
  return {
    async focusEditor() {
      const ed = await editorReady;
      ed.focus();
    },
    act(action) {
      switch (action) {
        case 'run':
          void run(false);
          break;
        case 'check':
          void run(true);
          break;
        case 'stop':
          running?.abort();
          break;
        case 'format':
          void formatNow();
          break;
        case 'reset':
          if (currentCode() === cfg.original || confirm(t.resetConfirm)) {
            setCode(cfg.original);
            editor?.setProblems([]);
          }
          break;
        case 'copy':
          void copy();
          break;
        case 'hint':
          nextHint();
          break;
        case 'solution':
          if (cfg.exercise && confirm(t.solutionConfirm)) setCode(cfg.exercise.solution);
          break;
      }
    },
  };
}
