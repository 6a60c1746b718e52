// The resident page's behaviour: each [data-ceremony] button runs a passkey ceremony with the node's JSON
// endpoints, each [data-copy] button copies a field. Every text it shows comes from #messages' data attributes
// or from the node's answer: the script holds none of its own (the page's language is the node's to choose).
import {
  assertionJson, creationOptions, publicKey, registrationJson, requestOptions, supported
} from './webauthn.js';

const messages = document.getElementById('messages');

function message(name) {
  return messages ? messages.dataset[name] || '' : '';
}

function csrfHeaders() {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  return header && token ? { [header.content]: token.content } : {};
}

/** A refusal the node explained: its message is in the page's language. */
class Refused extends Error {
  constructor(problem) {
    super(problem.message || problem.detail || problem.code || '');
    this.code = problem.code;
  }
}

async function call(url, body) {
  const init = { credentials: 'same-origin', headers: { Accept: 'application/json', ...csrfHeaders() } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Refused(answer);
  }
  return answer;
}

async function approve(button) {
  const options = await call(button.dataset.options);
  const assertion = await navigator.credentials.get({ publicKey: requestOptions(options) });
  return call(button.dataset.submit, assertionJson(assertion));
}

async function register(button) {
  const options = await call(button.dataset.options);
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  const body = { credential: registrationJson(credential) };
  if (button.dataset.replace === 'true') {
    // the bound passkey approves handing the binding over to the new key
    const replacement = await call(button.dataset.replacementOptions, { publicKey: publicKey(credential) });
    const assertion = await navigator.credentials.get({ publicKey: requestOptions(replacement) });
    body.replacement = assertionJson(assertion);
  }
  return call(button.dataset.submit, body);
}

const ceremonies = { approve, revoke: approve, 'cancel-recovery': approve, signin: approve, register };

function statusLine(button) {
  let next = button.nextElementSibling;
  while (next && !next.hasAttribute('data-status-line')) {
    next = next.nextElementSibling;
  }
  return next;
}

function show(line, text, kind) {
  if (line) {
    line.textContent = text;
    line.className = 'status-line ' + (kind || '');
  }
}

function failure(error) {
  if (error instanceof Refused) {
    return error.message || message('failed');
  }
  if (error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return message('cancelled');
  }
  return message('failed');
}

document.querySelectorAll('[data-ceremony]').forEach((button) => {
  const line = statusLine(button);
  if (!supported()) {
    button.disabled = true;
    show(line, message('unsupported'), 'error');
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    show(line, message('working'), '');
    try {
      const answer = await ceremonies[button.dataset.ceremony](button);
      window.location.assign(answer.next || window.location.href);
    } catch (error) {
      show(line, failure(error), 'error');
      button.disabled = false;
    }
  });
});

document.querySelectorAll('[data-copy]').forEach((button) => {
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (ignored) {
      document.execCommand('copy');
    }
    show(statusLine(button.parentElement), message('copied'), 'notice');
  });
});
