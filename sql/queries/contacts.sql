-- name: ContactUpsert :execrows
INSERT INTO contacts (company_id, name, title, relationship, email, phone, profile_url, city, source)
VALUES (@company_id, @name, @title, @relationship, @email, @phone, @profile_url, @city, @source)
ON CONFLICT (company_id, source, name) DO UPDATE SET
    title = excluded.title, relationship = excluded.relationship, email = excluded.email,
    phone = excluded.phone, profile_url = excluded.profile_url, city = excluded.city
WHERE (contacts.title, contacts.relationship, contacts.email, contacts.phone, contacts.profile_url, contacts.city)
    IS DISTINCT FROM (excluded.title, excluded.relationship, excluded.email, excluded.phone, excluded.profile_url, excluded.city);

-- name: ContactListByCompany :many
SELECT id, name, title, relationship, email, phone, profile_url, city, source
FROM contacts WHERE company_id = @company_id ORDER BY id;
