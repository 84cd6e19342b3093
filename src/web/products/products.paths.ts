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
  deploymentCurrency: (deploymentId: string) => `/deployments/${deploymentId}/currency`,
  deploymentCurrencyCsv: (deploymentId: string) => `/deployments/${deploymentId}/currency.csv`,
  organisationCurrency: '/products/training-currency',
  organisationCurrencyCsv: '/products/training-currency.csv',
  /** "Your AI products": what each user uses and whether their training is current. */
  mine: '/products/mine',
  /** Taking a published module and its knowledge check. */
  takeModule: (moduleId: string) => `/modules/${moduleId}`,
} as const;
