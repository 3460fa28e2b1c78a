import { createClient, type Client } from 'graphql-ws';
import { session } from './session';

/** One broken input rule, as the API reports it in extensions.violations. */
export interface Violation {
  field: string;
  rule: string;
  message: string;
}

/** A GraphQL error: the first error's code and message, and every violation of an INVALID_ARGUMENT. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly violations: Violation[] = [],
  ) {
    super(message);
  }
}

/** An error in words: the API's message and code, or whatever else was thrown. */
export function describe(error: unknown): string {
  return typeof error === 'string' ? error : error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; violations?: Violation[] };
}

const endpoint = '/graphql';

/** Runs a query or mutation over HTTP with the signed-in key; throws ApiError on any error. */
export function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return post<T>(JSON.stringify({ query, variables }), 'application/json');
}

/** A mutation with one file, as the GraphQL multipart request spec sends it (the file's variable is null in operations). */
export function gqlUpload<T>(query: string, variables: Record<string, unknown>, fileVariable: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, [fileVariable]: null } }));
  form.append('map', JSON.stringify({ 0: [`variables.${fileVariable}`] }));
  form.append('0', file, file.name);
  return post<T>(form);
}

async function post<T>(body: string | FormData, contentType?: string): Promise<T> {
  const key = session.key();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      ...(contentType ? { 'Content-Type': contentType } : {}),
      Accept: 'application/graphql-response+json',
      ...(key ? { 'X-Api-Key': key } : {}),
    },
    body,
  });
  const result = (await response.json().catch(() => null)) as { data?: T; errors?: GraphQLErrorBody[] } | null;
  const error = result?.errors?.[0];
  if (error) {
    throw new ApiError(error.extensions?.code ?? `HTTP_${response.status}`, error.message, error.extensions?.violations ?? []);
  }
  if (!response.ok || !result?.data) {
    throw new ApiError(`HTTP_${response.status}`, `The gateway answered ${response.status}.`);
  }
  return result.data;
}

let socket: Client | undefined;

function socketClient(): Client {
  if (!socket) {
    const url = new URL(endpoint, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = createClient({ url: url.toString(), connectionParams: () => ({ apiKey: session.key() }), lazy: true });
  }
  return socket;
}

/** Closes the WebSocket (on sign-out: the next subscription connects with the new key). */
export function closeSubscriptions(): void {
  socket?.dispose();
  socket = undefined;
}

/** Subscribes over graphql-transport-ws; returns the function that ends the subscription. */
export function subscribe<T>(
  query: string,
  variables: Record<string, unknown>,
  onNext: (data: T) => void,
  onError: (error: ApiError) => void,
): () => void {
  return socketClient().subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        const error = result.errors?.[0] as GraphQLErrorBody | undefined;
        if (error) onError(new ApiError(error.extensions?.code ?? 'SUBSCRIPTION_FAILED', error.message));
        else if (result.data) onNext(result.data as T);
      },
      error: (error) => onError(toApiError(error)),
      complete: () => undefined,
    },
  );
}

function toApiError(error: unknown): ApiError {
  if (Array.isArray(error)) {
    const first = error[0] as GraphQLErrorBody | undefined;
    return new ApiError(first?.extensions?.code ?? 'SUBSCRIPTION_FAILED', first?.message ?? 'The subscription failed.');
  }
  if (error instanceof CloseEvent) return new ApiError(`CLOSED_${error.code}`, error.reason || 'The connection closed.');
  return new ApiError('SUBSCRIPTION_FAILED', error instanceof Error ? error.message : 'The subscription failed.');
}
