//! Background jobs on the real backend: an accession CSV import submitted
//! with its file, waited for, its log followed; a failing one an error with
//! its log; a cancel.

use std::time::Duration;

use archivesspace::requests::{accessions, UploadFile};
use archivesspace::{Error, Job, JobWait};
use futures::TryStreamExt;
use serde_json::json;

use crate::support::{new_repository, unique, TestResult};

fn import_job(filename: &str) -> Result<Job, serde_json::Error> {
    serde_json::from_value(json!({
        "job_type": "import_job",
        "job": {"jsonmodel_type": "import_job", "import_type": "accession_csv",
            "filenames": [filename]}
    }))
}

fn csv(name: &str, text: String) -> UploadFile {
    UploadFile {
        filename: name.into(),
        content_type: "text/csv".into(),
        contents: text.into_bytes(),
    }
}

const WAIT: JobWait = JobWait {
    poll: Duration::from_millis(500),
    timeout: Duration::from_secs(180),
};

#[tokio::test]
async fn jobs_run_report_their_logs_and_fail_as_errors() -> TestResult {
    let (backend, _database) = crate::backend!("jobs_run_report_their_logs_and_fail_as_errors");
    let client = backend.client()?;
    let repo = new_repository(&client, "jobs").await?;

    // All three go to the queue at once, so that their waits overlap.
    let number = unique("J");
    let good = format!(
        "accession_title,accession_number_1,accession_accession_date\n\
         Imported by a job,{number},2024-01-02\n"
    );
    let bad = "accession_title,accession_accession_date\nNo number,not a date\n".to_owned();
    let good_id = client
        .submit_job(repo, &import_job("good.csv")?, vec![csv("good.csv", good)])
        .await?;
    let bad_id = client
        .submit_job(repo, &import_job("bad.csv")?, vec![csv("bad.csv", bad)])
        .await?;
    let late_id = client
        .submit_job(
            repo,
            &import_job("late.csv")?,
            vec![csv("late.csv", "accession_title\nLate\n".into())],
        )
        .await?;
    // Canceling: the queue takes the request; the job then ends canceled,
    // unless it had already finished.
    client.cancel_job(repo, late_id).await?;

    let log: Vec<Vec<u8>> = client
        .follow_job_log(repo, good_id, Duration::from_millis(500))
        .try_collect()
        .await?;
    let log = String::from_utf8_lossy(&log.concat()).into_owned();
    let job: Job = client.wait_for_job(repo, good_id, WAIT).await?;
    assert_eq!(job.status.as_ref().map(|s| s.as_str()), Some("completed"));
    // Followed to the end: the whole log, in order, as one read gives it.
    let whole = client.job_log(repo, good_id, 0).await?;
    assert_eq!(log.as_bytes(), whole.as_slice());
    assert!(!log.is_empty());
    let page = client.send(&accessions::List::new(repo)).await?;
    assert!(
        page.results
            .iter()
            .any(|a| a.id_0.as_deref() == Some(number.as_str())),
        "the job imported the accession"
    );
    for file in client.job_output_files(repo, good_id).await? {
        let mut bytes = Vec::new();
        client
            .download_job_file(repo, good_id, file, &mut bytes)
            .await?;
    }

    // A CSV the importer cannot read: the job fails, and the error carries
    // the end of its log.
    match client.wait_for_job::<Job>(repo, bad_id, WAIT).await {
        Err(Error::Job {
            status, log_tail, ..
        }) => {
            assert_eq!(status, "failed");
            assert!(!log_tail.is_empty(), "the log says why");
        }
        other => panic!("a failing job answered {other:?}"),
    }

    match client.wait_for_job::<Job>(repo, late_id, WAIT).await {
        Ok(_) => {}
        Err(Error::Job { status, .. }) => {
            assert!(
                ["canceled", "failed"].contains(&status.as_str()),
                "{status}"
            )
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
