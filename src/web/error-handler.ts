import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { imsxStatus } from '../domain/case/case-provider.ts';
import { AppError, HTTP_STATUS } from '../errors.ts';
import { isMalformedMultipart, unsupportedMediaTypeMessage } from './input-guard.ts';
import type { Renderer } from './render.ts';

interface Problem {
  status: number;
  title: string;
  detail: string;
  errors?: ReadonlyArray<{ field: string; message: string }>;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in to continue',
  403: 'Forbidden',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many attempts',
  500: 'Sorry, there is a problem with the service',
};

/** The one place where errors become HTTP: a JSON problem for the API, imsx for CASE, an NHS page otherwise. */
export function installErrorHandling(app: FastifyInstance, render: Renderer): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, problem, render);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, title: TITLES[404] ?? 'Not found', detail: 'There is nothing at this address.' }, render),
  );
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    const status = HTTP_STATUS[error.code];
    return { status, title: TITLES[status] ?? 'Error', detail: error.message, errors: error.details };
  }
  if (error instanceof ZodError) {
    return {
      status: 400,
      title: TITLES[400] ?? 'Bad request',
      detail: 'Some of the values in the request are not valid.',
      errors: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    };
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, title: TITLES[415] ?? 'Unsupported media type', detail: unsupportedMediaTypeMessage(request.url) };
  }
  if (isMalformedMultipart(error, request)) {
    return { status: 400, title: TITLES[400] ?? 'Bad request', detail: `The form could not be read (${error.message}). Send it again as multipart/form-data.` };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, title: TITLES[error.statusCode] ?? 'Bad request', detail: error.message };
  }
  // Never leak internals: the log has the detail, the user gets a generic message.
  return { status: 500, title: TITLES[500] ?? 'Error', detail: 'Try again later.' };
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem, render: Renderer) {
  const url = request.url;
  reply.status(problem.status);
  if (url.startsWith('/ims/case/')) {
    const codeMinor = problem.status === 404 ? 'unknownobject' : problem.status < 500 ? 'invalid_selection_field' : 'internal_server_error';
    return reply.type('application/json').send(imsxStatus(codeMinor, problem.detail));
  }
  if (url.startsWith('/api/')) {
    return reply.type('application/problem+json').send({ type: 'about:blank', ...problem });
  }
  if (problem.status === 401 && request.method === 'GET') {
    return reply.status(303).redirect(`/sign-in?returnTo=${encodeURIComponent(url)}`);
  }
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render('errors/error.njk', { pageTitle: problem.title, problem, viewer: request.viewer }));
}
