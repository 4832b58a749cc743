// Every User as [ref, name], for the "who am I" picker on the home page (fetched when it opens).
import type { APIRoute } from 'astro';
import { catalogIndex } from '../../lib/catalog-content.ts';
import { peopleFile } from '../../lib/home-data.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(peopleFile(await catalogIndex())), { headers: { 'content-type': 'application/json' } });
