import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';

/** "Download your data": the JSON export, as a file, for the signed-in person only. */
export function registerPersonalDataPages(app: FastifyInstance, { services }: PageDeps): void {
  const download = async (viewer: ReturnType<typeof requireViewer>) => {
    const data = await services.personalData.exportPersonalData({ viewer });
    const day = data.exportedAt.slice(0, 10);
    return { body: JSON.stringify(data, null, 2), fileName: `ai-confidence-hub-my-data-${day}.json` };
  };

  app.get('/account/export', async (request, reply) => {
    const { body, fileName } = await download(requireViewer(request));
    return reply
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(body);
  });

  app.get('/api/v1/me/export', async (request, reply) => {
    const data = await services.personalData.exportPersonalData({ viewer: requireViewer(request) });
    return reply.header('cache-control', 'no-store').send(data);
  });
}
