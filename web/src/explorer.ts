import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { session } from './session';

/**
 * GraphiQL, served at /graphql to browsers that ask for HTML. It sends the key the console signed in with (session
 * storage of this origin) in X-Api-Key and in the WebSocket's connection_init, so subscriptions run too.
 */
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    new Worker(`/explorer/${label === 'json' ? 'json' : label === 'graphql' ? 'graphql' : 'editor'}.worker.js`),
};

const root = document.getElementById('explorer')!;
const key = session.key();
if (!key) {
  root.className = 'signed-out';
  root.append('Sign in at ', Object.assign(document.createElement('a'), { href: '/', textContent: 'the console' }), ' first: the explorer uses its key.');
} else {
  const url = new URL('/graphql', window.location.href);
  const socket = new URL(url);
  socket.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const fetcher = createGraphiQLFetcher({
    url: url.toString(),
    subscriptionUrl: socket.toString(),
    headers: { 'X-Api-Key': key },
    wsConnectionParams: { apiKey: key },
  });
  createRoot(root).render(createElement(GraphiQL, { fetcher, defaultQuery: '{\n  tenant {\n    id\n    name\n    callerRole\n  }\n}\n' }));
}
