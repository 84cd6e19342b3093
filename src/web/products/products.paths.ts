/** Where the AI product pages live, so links between them are built in one place. */
export const PRODUCT_PATHS = {
  /** Products the viewer can see; product leads register new ones from here. */
  list: '/products',
  register: '/products/new',
  product: (productId: string) => `/products/${productId}`,
  edit: (productId: string) => `/products/${productId}/edit`,
  newVersion: (productId: string) => `/products/${productId}/versions/new`,
  newDeployment: (productId: string) => `/products/${productId}/deployments/new`,
  shares: (productId: string) => `/products/${productId}/shares`,
  /** Authoring the training module for one product version (Embedders). */
  module: (productId: string, productVersionId: string) => `/products/${productId}/versions/${productVersionId}/module`,
  deployment: (deploymentId: string) => `/deployments/${deploymentId}`,
  /** Assigning someone to a deployment, and taking them off it (managers). */
  deploymentUsers: (deploymentId: string) => `/deployments/${deploymentId}/users`,
  /** Assigning everyone in an organisation or team, or a list of addresses, at once. */
  deploymentBulkUsers: (deploymentId: string) => `/deployments/${deploymentId}/users/bulk`,
  removeDeploymentUser: (deploymentId: string, personId: string) => `/deployments/${deploymentId}/users/${personId}/remove`,
  deploymentCurrency: (deploymentId: string) => `/deployments/${deploymentId}/currency`,
  deploymentCurrencyCsv: (deploymentId: string) => `/deployments/${deploymentId}/currency.csv`,
  organisationCurrency: '/products/training-currency',
  organisationCurrencyCsv: '/products/training-currency.csv',
  /** "Your AI products": what each user uses and whether their training is current. */
  mine: '/products/mine',
  /** "I no longer use this", from Your AI products. */
  removeMine: (deploymentId: string) => `/products/mine/${deploymentId}/remove`,
  /** Taking a published module and its knowledge check. */
  takeModule: (moduleId: string) => `/modules/${moduleId}`,
  /** How an attempt went, read back from the record (the page a submission redirects to). */
  moduleResult: (moduleId: string, attemptId?: string) => `/modules/${moduleId}/result${attemptId ? `?attempt=${attemptId}` : ''}`,
} as const;
