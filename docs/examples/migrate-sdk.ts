// Before: the AWS SDK's paginator.
import type { BatchSegmentJobSummary } from "@aws-sdk/client-personalize"
import { paginateListBatchSegmentJobs, PersonalizeClient } from "@aws-sdk/client-personalize"
import { pathToFileURL } from "node:url"

export const failedJobs = async (client: PersonalizeClient, solutionVersionArn?: string) => {
  const failed: Array<BatchSegmentJobSummary> = []
  for await (const page of paginateListBatchSegmentJobs({ client, pageSize: 100 }, { solutionVersionArn })) {
    for (const job of page.batchSegmentJobs ?? []) {
      if (job.status === "CREATE FAILED") failed.push(job)
    }
  }
  return failed
}

export const main = async () => {
  const client = new PersonalizeClient({})
  try {
    for (const job of await failedJobs(client)) console.log(`${job.jobName}\t${job.failureReason}`)
  } finally {
    client.destroy()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main()
