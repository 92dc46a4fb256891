//! Generated requests for real routes: paths, Rack query encoding, form and
//! JSON bodies, paging, and the response types of the CRUD routes decoding
//! real ArchivesSpace answers from the shared corpus.

use std::fs;
use std::path::{Path, PathBuf};

use archivesspace_api::request::{Body, Method, Page, PaginatedRequest, Request, ResponseFormat};
use archivesspace_api::requests::{
    self, accessions, archival_objects, batch_imports, config, container_profiles, digital_objects,
    jobs_with_files, reports, repositories, resources, search, subjects, top_containers, users,
};
use archivesspace_api::{Accession, AdvancedQuery, ArchivalObject};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

const RESPONSES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/_responses");

fn pairs<R: Request>(request: &R) -> Vec<(String, String)> {
    request
        .query()
        .pairs()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Decodes a body as the request's response type, as the runtime does.
fn response<R: Request>(_: &R, body: &[u8]) -> R::Response
where
    R::Response: DeserializeOwned,
{
    serde_json::from_slice(body).unwrap_or_else(|e| panic!("{}: {e}", R::URI_TEMPLATE))
}

fn corpus_files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(RESPONSES).join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "nothing in {}", dir.display());
    files
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn item_routes_render_their_path_and_resolve() {
    let mut get = accessions::Get::new(2, 7);
    assert_eq!(get.path(), "/repositories/2/accessions/7");
    assert_eq!(<accessions::Get as Request>::METHOD, Method::Get);
    assert_eq!(
        <accessions::Get as Request>::URI_TEMPLATE,
        "/repositories/:repo_id/accessions/:id"
    );
    // Optional parameters start out left out.
    assert!(get.query().is_empty());
    get.resolve = vec!["subjects".into(), "linked_agents".into()];
    assert_eq!(
        pairs(&get),
        owned(&[("resolve[]", "subjects"), ("resolve[]", "linked_agents")])
    );
    assert_eq!(get.body().expect("no body"), None);

    let delete = accessions::Delete::new(2, 7);
    assert_eq!(<accessions::Delete as Request>::METHOD, Method::Delete);
    assert_eq!(delete.path(), "/repositories/2/accessions/7");
}

#[test]
fn text_in_paths_is_percent_encoded() {
    let login = users::PostLogin::new("ad/min?x", "secret pw");
    assert_eq!(login.path(), "/users/ad%2Fmin%3Fx/login");
    let names = config::enumerations::names::Get::new("linked agent role");
    assert_eq!(
        names.path(),
        "/config/enumerations/names/linked%20agent%20role"
    );
    // A splat keeps its slashes but nothing else.
    let asset = reports::static_::Get::new("fonts/a b.woff");
    assert_eq!(asset.path(), "/reports/static/fonts/a%20b.woff");
    let xml = digital_objects::dublin_core::Xml::new(2, 5);
    assert_eq!(
        xml.path(),
        "/repositories/2/digital_objects/dublin_core/5.xml"
    );
    let metadata = digital_objects::dublin_core::Metadata::new(2, 5, "xml");
    assert_eq!(
        metadata.path(),
        "/repositories/2/digital_objects/dublin_core/5.xml/metadata"
    );
}

#[test]
fn login_sends_the_password_in_a_form_body_never_in_the_url() {
    let mut login = users::PostLogin::new("admin", "pw-9f8e7d");
    login.expiring = Some(false);
    assert!(login.query().is_empty());
    assert!(!login.path().contains("pw-9f8e7d"));
    assert_eq!(
        login.body().expect("encodes"),
        Some(Body::Form(owned(&[
            ("password", "pw-9f8e7d"),
            ("expiring", "false")
        ])))
    );
}

#[test]
fn booleans_and_optional_parameters() {
    let mut root = resources::tree::Root::new(2, 9);
    assert!(
        root.query().is_empty(),
        "published_only is left out when None"
    );
    root.published_only = Some(true);
    assert_eq!(pairs(&root), owned(&[("published_only", "true")]));

    let suppress = accessions::PostSuppressed::new(2, 7, false);
    assert!(suppress.query().is_empty());
    assert_eq!(
        suppress.body().expect("encodes"),
        Some(Body::Form(owned(&[("suppressed", "false")])))
    );

    let mut waypoint = resources::tree::Waypoint::new(2, 9, 3);
    waypoint.parent_node = Some("/repositories/2/archival_objects/4".into());
    assert_eq!(
        pairs(&waypoint),
        owned(&[
            ("offset", "3"),
            ("parent_node", "/repositories/2/archival_objects/4")
        ])
    );

    let path = resources::tree::NodeFromRoot::new(2, 9, vec![4, 5]);
    assert_eq!(
        pairs(&path),
        owned(&[("node_ids[]", "4"), ("node_ids[]", "5")])
    );
}

#[test]
fn paginated_listings_page_and_harvest() {
    let mut list = archival_objects::List::new(2);
    assert_eq!(list.path(), "/repositories/2/archival_objects");
    assert_eq!(pairs(&list), owned(&[("page", "1")]));

    list.page_size = Some(1000);
    list.modified_since = Some(1_700_000_000);
    list.sort_direction = Some(requests::SortDirection::Desc);
    list.resolve = vec!["subjects".into()];
    assert_eq!(
        pairs(&list),
        owned(&[
            ("page", "1"),
            ("page_size", "250"),
            ("modified_since", "1700000000"),
            ("sort_direction", "desc"),
            ("resolve[]", "subjects"),
        ])
    );

    list.set_page(3, 0);
    assert_eq!(list.page, 3);
    assert_eq!(list.page_size, Some(1), "page sizes are clamped to 1..=250");

    // id_set is one comma list, never repeated keys; the page goes away and
    // the other parameters stay.
    let by_ids = list.by_ids(&[4, 8, 15]);
    assert_eq!(
        pairs(&by_ids),
        owned(&[
            ("modified_since", "1700000000"),
            ("sort_direction", "desc"),
            ("resolve[]", "subjects"),
            ("id_set", "4,8,15"),
        ])
    );
    let all = list.all_ids();
    assert!(pairs(&all).contains(&("all_ids".to_owned(), "true".to_owned())));
    assert!(!pairs(&all).iter().any(|(k, _)| k == "page"));
}

#[test]
fn searches_send_arrays_and_json_queries() {
    let mut get = search::Get::new();
    get.q = Some("title:letters".into());
    get.type_ = vec!["accession".into(), "resource".into()];
    get.aq = Some(AdvancedQuery::default());
    assert_eq!(
        pairs(&get),
        owned(&[
            ("q", "title:letters"),
            ("aq", r#"{"jsonmodel_type":"advanced_query"}"#),
            ("type[]", "accession"),
            ("type[]", "resource"),
            ("page", "1"),
        ])
    );
    // The POST twin sends the same as a form, keeping long queries out of
    // the URL.
    let mut post = search::Post::new();
    post.type_ = vec!["accession".into()];
    assert!(post.query().is_empty());
    assert_eq!(
        post.body().expect("encodes"),
        Some(Body::Form(owned(&[("type[]", "accession"), ("page", "1")])))
    );
}

#[test]
fn create_and_update_send_the_record_as_json() {
    let accession: Accession = serde_json::from_value(json!({
        "jsonmodel_type": "accession",
        "title": "Letters",
        "id_0": "2024.001",
        "accession_date": "2024-01-31",
        "an_unknown_key": [1, 2]
    }))
    .expect("an accession");
    let create = accessions::Create::new(2, accession.clone());
    assert_eq!(<accessions::Create as Request>::METHOD, Method::Post);
    assert_eq!(create.path(), "/repositories/2/accessions");
    let Some(Body::Json(bytes)) = create.body().expect("encodes") else {
        panic!("a JSON body")
    };
    let sent: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(sent["title"], "Letters");
    assert_eq!(sent["an_unknown_key"], json!([1, 2]));

    let update = accessions::Update::new(2, 7, accession);
    assert_eq!(update.path(), "/repositories/2/accessions/7");
    assert!(matches!(
        update.body().expect("encodes"),
        Some(Body::Json(_))
    ));
}

#[test]
fn raw_bodies_and_uploads() {
    let import = batch_imports::Create::new(2, br#"[{"jsonmodel_type":"subject"}]"#.to_vec());
    assert_eq!(
        import.body().expect("encodes"),
        Some(Body::Json(br#"[{"jsonmodel_type":"subject"}]"#.to_vec()))
    );
    assert_eq!(
        <batch_imports::Create as Request>::RESPONSE_FORMAT,
        ResponseFormat::Raw
    );

    let job = serde_json::from_value(json!({"jsonmodel_type": "job", "job_type": "import_job"}))
        .expect("a job");
    let files = (0..11)
        .map(|i| requests::UploadFile {
            filename: format!("ead-{i}.xml"),
            content_type: "text/xml".into(),
            contents: format!("<ead n=\"{i}\"/>").into_bytes(),
        })
        .collect();
    let upload = jobs_with_files::Create::new(2, job, files);
    let Some(Body::Raw {
        content_type,
        bytes,
    }) = upload.body().expect("encodes")
    else {
        panic!("a multipart body")
    };
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart");
    let text = String::from_utf8(bytes).expect("text");
    assert!(text.starts_with(&format!("--{boundary}\r\n")));
    assert!(text.ends_with(&format!("--{boundary}--\r\n")));
    assert!(text.contains(
        "Content-Disposition: form-data; name=\"job\"\r\n\r\n{\"jsonmodel_type\":\"job\",\"job_type\":\"import_job\"}\r\n"
    ));
    // Indexes padded so that ArchivesSpace's string sort keeps file order.
    assert!(text.contains(
        "name=\"files[02]\"; filename=\"ead-2.xml\"\r\nContent-Type: text/xml\r\n\r\n<ead n=\"2\"/>\r\n"
    ));
    assert!(text.find("files[02]") < text.find("files[10]"));
}

#[test]
fn non_json_routes_are_read_raw() {
    assert_eq!(
        <digital_objects::dublin_core::Xml as Request>::RESPONSE_FORMAT,
        ResponseFormat::Raw
    );
    assert_eq!(
        <config::enumerations::Csv as Request>::RESPONSE_FORMAT,
        ResponseFormat::Raw
    );
    assert_eq!(
        <accessions::Get as Request>::RESPONSE_FORMAT,
        ResponseFormat::Json
    );
    // The raw response type takes the bytes as they come.
    let raw: requests::RawResponse =
        serde::Deserialize::deserialize(serde::de::value::BytesDeserializer::<
            serde::de::value::Error,
        >::new(b"<dc/>"))
        .expect("bytes");
    assert_eq!(raw.text(), Ok("<dc/>"));
}

#[test]
fn creates_and_updates_decode_real_answers() {
    let create = accessions::Create::new(2, Accession::default());
    for file in corpus_files("create_update") {
        let modified = response(&create, &read(&file));
        assert_eq!(modified.status, "Created", "{}", file.display());
        assert!(modified.id > 0);
        assert_eq!(modified.lock_version, Some(0));
        assert!(modified
            .uri
            .as_deref()
            .is_some_and(|u| u.ends_with(&modified.id.to_string())));
        assert!(!modified.has_warnings());
    }
    // Warnings as a map, a merge's extra keys, and a route that leaves most
    // keys out all decode.
    let update = accessions::Update::new(2, 7, Accession::default());
    let modified = response(
        &update,
        br#"{"status":"Updated","id":7,"lock_version":3,"stale":null,"uri":"/repositories/2/accessions/7","warnings":{"dates":["check"]},"something_new":1}"#,
    );
    assert!(modified.has_warnings());
    assert_eq!(modified.stale, None);
    assert_eq!(modified.extra["something_new"], 1);
    let publish = resources::PostPublish::new(2, 7);
    let modified = response(&publish, br#"{"status":"Updated","id":7}"#);
    assert_eq!(modified.lock_version, None);
}

#[test]
fn deletes_and_suppression_decode() {
    let delete = accessions::Delete::new(2, 7);
    let deleted = response(&delete, br#"{"status":"Deleted","id":7,"extra":true}"#);
    assert_eq!((deleted.status.as_str(), deleted.id), ("Deleted", 7));
    let suppress = accessions::PostSuppressed::new(2, 7, true);
    let suppressed = response(
        &suppress,
        br#"{"status":"Suppressed","id":7,"suppressed_state":true}"#,
    );
    assert!(suppressed.suppressed_state);
}

#[test]
fn gets_and_listings_decode_real_answers() {
    let get = accessions::Get::new(2, 13);
    let one = Path::new(RESPONSES)
        .parent()
        .expect("corpus")
        .join("accession/rockefellerarchivecenter-aquarius__archivesspace_client_test-i13-accessions-13-at956fedb.json");
    let accession: Accession = response(&get, &read(&one));
    assert!(accession.title.is_some() || accession.id_0.is_some());

    // Pages of archival objects, as `GET /repositories/2/archival_objects?page=N`.
    let list = archival_objects::List::new(2);
    let mut pages = 0;
    for file in corpus_files("paginated") {
        let name = file.to_string_lossy();
        if !name.contains("archival_objects") {
            continue;
        }
        let page: Page<ArchivalObject> = response(&list, &read(&file));
        assert!(!page.results.is_empty());
        assert!(page.this_page >= page.first_page && page.this_page <= page.last_page);
        pages += 1;
    }
    assert!(pages >= 2, "{pages} pages");
    let profiles = container_profiles::List::new();
    let page = response(
        &profiles,
        &read(&Path::new(RESPONSES).join("paginated/pulibrary-abid__container_profiles_1.json")),
    );
    assert_eq!(page.total, 27);

    // Unpaginated lists, and a listing asked for ids (`id_set`).
    let repos = repositories::List::new();
    for file in ["list/pulibrary-abid__repositories_1.json",
        "list/archivesspace-labs-archivessnake__tests.test_aspace--test_fetch-i2-repositories-atc09520d.json"]
    {
        let list = response(&repos, &read(&Path::new(RESPONSES).join(file)));
        assert!(!list.is_empty(), "{file}");
    }
    let subjects = subjects::List::new().by_ids(&[1, 2]);
    let list = response(
        &subjects,
        &read(&Path::new(RESPONSES).join("list/archivesspace-archivesspace__subjects.json")),
    );
    assert!(list.iter().all(|s| !s.terms.is_empty()));
    let containers = top_containers::List::new(2).by_ids(&[1]);
    let list = response(
        &containers,
        &read(
            &Path::new(RESPONSES)
                .join("list/uclalibrary-archivesspace-toolkit__aspace_data_series.json"),
        ),
    );
    assert!(!list.is_empty());
}

#[test]
fn searches_and_free_text_answers_are_json() {
    let search = repositories::Search::new(2);
    for file in corpus_files("search") {
        let value: Value = response(&search, &read(&file));
        assert!(value.is_object(), "{}", file.display());
    }
    let login = users::PostLogin::new("admin", "admin");
    for file in corpus_files("login") {
        let value: Value = response(&login, &read(&file));
        assert!(value["session"].is_string(), "{}", file.display());
    }
}
