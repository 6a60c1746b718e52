// WebAuthn for the resident page: base64url <-> ArrayBuffer, the node's JSON options made into what
// navigator.credentials takes, and what it returns made into JSON the node reads. Plain ES2020, no framework.

/** base64url (no padding) of the bytes of an ArrayBuffer or a typed array. */
export function toBase64url(buffer) {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer)
    : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a base64url string (padded or not), as an ArrayBuffer. */
export function fromBase64url(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
    throw new TypeError('not base64url');
  }
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes.buffer;
}

function descriptors(list) {
  return (list || []).map((d) => ({ type: d.type || 'public-key', id: fromBase64url(d.id) }));
}

/** PublicKeyCredentialCreationOptions from the node's JSON options (challenge, user.id and ids in base64url). */
export function creationOptions(json) {
  return {
    rp: json.rp,
    user: { id: fromBase64url(json.user.id), name: json.user.name, displayName: json.user.displayName },
    challenge: fromBase64url(json.challenge),
    pubKeyCredParams: json.pubKeyCredParams,
    timeout: json.timeout,
    excludeCredentials: descriptors(json.excludeCredentials),
    authenticatorSelection: json.authenticatorSelection,
    attestation: json.attestation || 'none'
  };
}

/** PublicKeyCredentialRequestOptions from the node's JSON options. */
export function requestOptions(json) {
  return {
    challenge: fromBase64url(json.challenge),
    rpId: json.rpId,
    allowCredentials: descriptors(json.allowCredentials),
    userVerification: json.userVerification,
    timeout: json.timeout
  };
}

/** A new passkey as JSON (WebAuthn Level 3's RegistrationResponseJSON, the members the node reads). */
export function registrationJson(credential) {
  const response = credential.response;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : []
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment || null
  };
}

/** The new passkey's public key, SubjectPublicKeyInfo DER in base64url, or null where the browser does not give it. */
export function publicKey(credential) {
  const response = credential.response;
  const spki = typeof response.getPublicKey === 'function' ? response.getPublicKey() : null;
  return spki ? toBase64url(spki) : null;
}

/** An assertion as the node's approval form: the credential and the three parts it signed with, in base64url. */
export function assertionJson(credential) {
  const response = credential.response;
  return {
    credentialId: credential.id,
    authenticatorData: toBase64url(response.authenticatorData),
    clientDataJSON: toBase64url(response.clientDataJSON),
    signature: toBase64url(response.signature)
  };
}

/** True where the browser can make and use passkeys. */
export function supported() {
  return typeof window.PublicKeyCredential === 'function' && navigator.credentials
    && typeof navigator.credentials.create === 'function';
}
