import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { XapiDocumentKey, XapiDocumentScope } from '../../db/xapi-document.repository.ts';
import type { WriteOutcome } from '../../services/xapi/xapi-document.service.ts';
import { lrsClientOf } from '../xapi.plugin.ts';
import type { XapiDeps } from '../xapi.plugin.ts';
import { XapiError } from '../xapi-errors.ts';
import { etagOf } from './document-content.ts';
import type { Preconditions } from './document-content.ts';
import { ACTIVITY_PROFILE_RESOURCE, AGENT_PROFILE_RESOURCE, parseDocumentParams, STATE_RESOURCE } from './document-params.ts';
import type { DocumentMethod, DocumentRequest } from './document-params.ts';

type ResourceShape = typeof STATE_RESOURCE;

const RESOURCES: Array<{ path: string; shape: ResourceShape }> = [
  { path: '/activities/state', shape: STATE_RESOURCE },
  { path: '/activities/profile', shape: ACTIVITY_PROFILE_RESOURCE },
  { path: '/agents/profile', shape: AGENT_PROFILE_RESOURCE },
];

const CONFLICT_MESSAGE =
  'This document already exists. Fetch it to check its current state, then send the PUT again with an If-Match header carrying the ETag you fetched (or If-None-Match: * if you meant to create it only when absent).';
const PRECONDITION_MESSAGE = 'The document has changed since you fetched it (or is not in the state If-Match / If-None-Match expected); nothing was changed. Fetch it again for its current ETag.';

/** The state, activity profile and agent profile resources (9274.1.1 §4.1.6.2, .5, .6; concurrency §4.1.4). */
export function registerDocumentRoutes(xapi: FastifyInstance, { services }: XapiDeps): void {
  const documents = services.xapiDocuments;
  for (const { path, shape } of RESOURCES) {
    xapi.put(path, async (request, reply) => {
      const key = keyOf(request, documentRequestOf(shape, 'PUT', request));
      sendOutcome(reply, await documents.putDocument({ key, ...bodyOf(request), conditions: conditionsOf(request) }));
    });
    xapi.post(path, async (request, reply) => {
      const key = keyOf(request, documentRequestOf(shape, 'POST', request));
      sendOutcome(reply, await documents.postDocument({ key, ...bodyOf(request), conditions: conditionsOf(request) }));
    });
    xapi.get(path, async (request, reply) => {
      const asked = documentRequestOf(shape, 'GET', request);
      if (asked.documentId === undefined) {
        // §4.1.4 asks an ETag of every GET on these resources; the list's own serves caches.
        const ids = JSON.stringify(await documents.listDocumentIds(scopeOf(request, asked), asked.since));
        return reply.headers({ 'content-type': 'application/json; charset=utf-8', etag: etagOf(Buffer.from(ids)) }).send(ids);
      }
      const document = await documents.getDocument(keyOf(request, asked));
      if (!document) throw new XapiError(404, `There is no document with ${shape.idName} "${asked.documentId}" here.`);
      return reply
        .headers({ 'content-type': document.contentType, etag: document.etag, 'last-modified': document.updatedAt.toUTCString() })
        .send(document.content);
    });
    xapi.delete(path, async (request, reply) => {
      const asked = documentRequestOf(shape, 'DELETE', request);
      if (asked.documentId !== undefined) return sendOutcome(reply, await documents.deleteDocument(keyOf(request, asked), conditionsOf(request)));
      await documents.deleteDocuments(scopeOf(request, asked));
      return reply.status(204).send();
    });
  }
}

function documentRequestOf(shape: ResourceShape, method: DocumentMethod, request: FastifyRequest): DocumentRequest {
  const parsed = parseDocumentParams(shape, method, (request.query ?? {}) as Record<string, unknown>);
  if (!parsed.ok) throw new XapiError(400, parsed.problem);
  return parsed.request;
}

/** Each organisation is its own LRS: the calling key's organisation is part of every address. */
function scopeOf(request: FastifyRequest, asked: DocumentRequest): XapiDocumentScope {
  return { organisationId: lrsClientOf(request).organisationId, ...asked.scope };
}

function keyOf(request: FastifyRequest, asked: DocumentRequest): XapiDocumentKey {
  if (asked.documentId === undefined) throw new Error('a single-document request without its id');
  return { ...scopeOf(request, asked), registration: asked.scope.registration ?? '', documentId: asked.documentId };
}

function bodyOf(request: FastifyRequest): { content: Buffer; contentType: string | undefined } {
  const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { content, contentType: request.headers['content-type'] };
}

function conditionsOf(request: FastifyRequest): Preconditions {
  return { ifMatch: request.headers['if-match'], ifNoneMatch: request.headers['if-none-match'] };
}

function sendOutcome(reply: FastifyReply, result: WriteOutcome) {
  switch (result.outcome) {
    case 'stored':
      return reply.status(204).send();
    case 'precondition_failed':
      throw new XapiError(412, PRECONDITION_MESSAGE);
    case 'conflict':
      throw new XapiError(409, CONFLICT_MESSAGE);
    case 'invalid':
      throw new XapiError(400, result.problem);
  }
}
