// tsunagu — the little JavaScript there is. Every page works without it; this only adds
// conveniences. No inline script anywhere: the Content-Security-Policy forbids it.
'use strict';

document.addEventListener('submit', (event) => {
  // A form with data-confirm asks before it changes something that is hard to undo.
  const message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

document.addEventListener('DOMContentLoaded', () => {
  // Put the cursor in the first field with an error, or the first field of a login form.
  const target = document.querySelector('[aria-invalid="true"], form.login input[name="login"]');
  if (target && !target.value) target.focus();
});
