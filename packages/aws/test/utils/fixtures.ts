import { PersonalizeAws } from "@effect-personalize/aws"
import type { PersonalizeError } from "@effect-personalize/core"
import { PersonalizeClient } from "@effect-personalize/core"
import type { Layer } from "effect"
import { Effect, Redacted } from "effect"
import type { TestServer } from "./TestServer.js"

export const region = "eu-west-1"
export const accessKeyId = "AKIDEFFECTPERSONALIZE"
export const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY0001"
export const sessionToken = "FwoGZXIvYXdzSESSIONTOKEN0002/abcdefghijklmnop+qrstuvwxyz=="

export const credentials: PersonalizeAws.Credentials = {
  accessKeyId,
  secretAccessKey: Redacted.make(secretAccessKey),
  sessionToken: Redacted.make(sessionToken)
}

export const layerFor = (
  server: Pick<TestServer, "endpoint">,
  options: Partial<PersonalizeAws.Options> = {}
): Layer.Layer<PersonalizeClient.PersonalizeClient> =>
  PersonalizeAws.layer({ region, endpoint: server.endpoint, credentials, ...options })

/** One call through the port. */
export const call = (
  request: PersonalizeClient.WireRequest = {}
): Effect.Effect<
  PersonalizeClient.RawResponse,
  PersonalizeError.PersonalizeError,
  PersonalizeClient.PersonalizeClient
> => Effect.flatMap(PersonalizeClient.PersonalizeClient, (client) => client.listBatchSegmentJobs(request))
