// The chat page: joins /chat/<room>?name=... with the browser's WebSocket and shows what the room
// says. Everything shown comes from other people: it is only ever set as textContent, never as markup.
'use strict';

(() => {
  // The server's rules (ChatRoute, Protocol), checked here first: a browser cannot read why a
  // handshake was refused.
  const ROOM = /^[a-z0-9-]{1,32}$/;
  const NAME = /^[\p{L}\p{Nd} _-]{1,32}$/u;
  const MAX_MESSAGE_LENGTH = 1000;

  const byId = id => document.getElementById(id);
  const joinForm = byId('join-form');
  const roomInput = byId('room');
  const nameInput = byId('name');
  const joinButton = byId('join');
  const leaveButton = byId('leave');
  const status = byId('status');
  const log = byId('log');
  const sendForm = byId('send-form');
  const messageInput = byId('message');
  const sendButton = byId('send');

  let socket = null;

  // Relative to this page, so that it works at any context root: / on the embedded runtime,
  // /chat/ on WildFly or Payara.
  function chatUrl(room, name) {
    const url = new URL('chat/' + encodeURIComponent(room) + '?name=' + encodeURIComponent(name), document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  // One line of the log: <li class="entry KIND"> with a <span class="PART"> per part.
  function show(kind, parts) {
    const entry = document.createElement('li');
    entry.className = 'entry ' + kind;
    for (const [part, text] of parts) {
      const span = document.createElement('span');
      span.className = part;
      span.textContent = text;
      entry.append(span);
    }
    log.append(entry);
    entry.scrollIntoView({block: 'nearest'});
  }

  function showNotice(kind, text) {
    show(kind, [['text', text]]);
  }

  function showMessage(said) {
    const time = Number.isFinite(said.timestamp) ? new Date(said.timestamp).toLocaleTimeString() : '';
    show('message', [['time', time], ['name', String(said.name)], ['text', said.message]]);
  }

  function onServerMessage(data) {
    let said;
    try {
      said = JSON.parse(data);
    } catch (e) {
      showNotice('error', 'The server sent something that is not JSON.');
      return;
    }
    if (typeof said.joined === 'string') {
      showNotice('joined', said.joined + ' joined');
    } else if (typeof said.quit === 'string') {
      showNotice('quit', said.quit + ' left');
    } else if (typeof said.error === 'string') {
      showNotice('error', said.error);
    } else if (typeof said.message === 'string') {
      showMessage(said);
    }
  }

  function setConnected(connected) {
    roomInput.disabled = connected;
    nameInput.disabled = connected;
    joinButton.disabled = connected;
    leaveButton.disabled = !connected;
    messageInput.disabled = !connected;
    sendButton.disabled = !connected;
  }

  function join(room, name) {
    let opened = false;
    setConnected(true);
    leaveButton.disabled = true;
    status.textContent = 'Joining ' + room + '…';
    const joining = new WebSocket(chatUrl(room, name));
    socket = joining;
    joining.addEventListener('open', () => {
      opened = true;
      status.textContent = 'In room ' + room + ' as ' + name + '.';
      leaveButton.disabled = false;
      messageInput.focus();
    });
    joining.addEventListener('message', event => onServerMessage(event.data));
    joining.addEventListener('close', event => {
      if (socket !== joining) {
        return;
      }
      socket = null;
      setConnected(false);
      if (opened) {
        status.textContent = 'Left room ' + room + '.';
        if (event.code !== 1000) {
          showNotice('error', 'Disconnected (code ' + event.code + (event.reason ? ': ' + event.reason : '') + ').');
        }
      } else {
        status.textContent = 'Not connected.';
        showNotice('error', 'Could not join ' + room + ': the server refused or cannot be reached.');
      }
    });
  }

  joinForm.addEventListener('submit', event => {
    event.preventDefault();
    if (socket) {
      return;
    }
    const room = roomInput.value.trim();
    const name = nameInput.value.trim();
    if (!ROOM.test(room)) {
      showNotice('error', 'Invalid room name: use 1 to 32 characters among a-z, 0-9 and \'-\'.');
    } else if (!NAME.test(name)) {
      showNotice('error', 'Invalid name: use 1 to 32 letters, digits, spaces, \'-\' or \'_\'.');
    } else {
      join(room, name);
    }
  });

  leaveButton.addEventListener('click', () => {
    if (socket) {
      socket.close(1000, 'left');
    }
  });

  sendForm.addEventListener('submit', event => {
    event.preventDefault();
    const message = messageInput.value;
    if (!socket || socket.readyState !== WebSocket.OPEN || message.trim() === '') {
      return;
    }
    if (message.length > MAX_MESSAGE_LENGTH) {
      showNotice('error', 'A message may have at most ' + MAX_MESSAGE_LENGTH + ' characters.');
      return;
    }
    socket.send(JSON.stringify({message}));
    messageInput.value = '';
  });
})();
